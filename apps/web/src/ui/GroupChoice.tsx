/**
 * Choosing a group by name, one radio button each: joining a workshop, adding someone to a shared tablet, and
 * the facilitator adding someone to a tablet.
 */
export function GroupChoice({
  legend,
  name,
  groups,
  value,
  onChange,
}: {
  legend: string;
  /** The radio group's name, unique on the page. */
  name: string;
  groups: readonly { id: string; name: string }[];
  value: string;
  onChange(id: string): void;
}) {
  return (
    <fieldset className="groups">
      <legend>{legend}</legend>
      {groups.map((g) => (
        <label key={g.id} className="group-choice">
          <input
            type="radio"
            name={name}
            value={g.id}
            checked={value === g.id}
            onChange={() => onChange(g.id)}
          />
          {g.name}
        </label>
      ))}
    </fieldset>
  );
}
