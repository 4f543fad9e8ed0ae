// A secret the API shows only once: shown in full, selectable, with a warning that it will not be shown again.

export function OnceSecret({ label, value }: { readonly label: string; readonly value: string }) {
  const id = `secret-${label.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <div class="once-secret">
      <label for={id}>{label}</label>
      <textarea id={id} readOnly rows={value.includes('\n') ? 8 : 2} value={value} />
      <p class="warn-text">Copy it now: it is shown only this once.</p>
    </div>
  );
}
