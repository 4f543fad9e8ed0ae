// Checkboxes for the catalog's event types; none checked means every type.
import type { EventType } from '../queue-types';

export function TypePicker(props: {
  readonly catalog: readonly EventType[];
  readonly selected: readonly string[];
  readonly onChange: (types: string[]) => void;
}) {
  const toggle = (type: string, on: boolean) =>
    props.onChange(on ? [...props.selected, type] : props.selected.filter((t) => t !== type));
  return (
    <fieldset>
      <legend>Event types (none checked: every type)</legend>
      {props.catalog.map((t) => (
        <label key={t.type} class="check">
          <input
            type="checkbox"
            checked={props.selected.includes(t.type)}
            onChange={(e) => toggle(t.type, (e.currentTarget as HTMLInputElement).checked)}
          />{' '}
          {t.type}
        </label>
      ))}
    </fieldset>
  );
}
