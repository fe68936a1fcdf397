import type { ReactNode } from 'react';

const DOWNLOAD_CLASS =
  'inline-flex min-h-10 items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm ' +
  'font-medium hover:bg-slate-50';

/** A report's download (its CSV export): a secondary button that saves the file. */
export function DownloadLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <a href={href} download className={DOWNLOAD_CLASS}>
      {children}
    </a>
  );
}

/** A statement's downloads, one a format: "Export CSV", "Export XLSX", "Export PDF". */
export function ExportLinks({ href }: { href: (format: 'csv' | 'xlsx' | 'pdf') => string }) {
  return (['csv', 'xlsx', 'pdf'] as const).map((f) => (
    <DownloadLink key={f} href={href(f)}>
      Export {f.toUpperCase()}
    </DownloadLink>
  ));
}
