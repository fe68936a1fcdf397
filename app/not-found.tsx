import Link from 'next/link';

export default function NotFound() {
  return (
    <main
      className="mx-auto flex min-h-[60vh] max-w-lg flex-col justify-center p-8"
      aria-labelledby="nf-title"
    >
      <p className="text-sm font-semibold text-brand-700">404 · Not found</p>
      <h1 id="nf-title" className="mt-2 text-2xl font-bold">
        This page does not exist
      </h1>
      <p className="mt-3 text-slate-700">
        The link may be old or mistyped. Use the menu to find what you were looking for.
      </p>
      <Link
        href="/"
        className="mt-6 inline-flex w-fit rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
      >
        Go to your start page
      </Link>
    </main>
  );
}
