/** An honest placeholder for a section whose feature has not been built yet. */
export function ComingSoon({ what, planned }: { what: string; planned: string[] }) {
  return (
    <section
      aria-labelledby="coming-soon-title"
      className="rounded-xl border border-dashed border-slate-300 bg-white p-6"
    >
      <h2 id="coming-soon-title" className="text-lg font-semibold">
        Coming soon: {what}
      </h2>
      <p className="mt-2 text-slate-700">
        This section is not built yet. Nothing here works today; it is planned to include:
      </p>
      <ul className="mt-3 list-disc space-y-1 pl-6 text-slate-700">
        {planned.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </section>
  );
}
