// An API error as the API words it: its code and its detail.
import type { ApiError } from '../api';

export function ErrorMessage({ error }: { readonly error: ApiError | undefined }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      <strong>{error.code}</strong> {error.detail}
    </p>
  );
}
