import Link from 'next/link';

export default function Forbidden() {
  return (
    <div
      className="mx-auto flex min-h-[60vh] max-w-lg flex-col justify-center p-8"
      role="region"
      aria-labelledby="forbidden-title"
    >
      <p className="text-sm font-semibold text-brand-700">403 · Not allowed</p>
      <h1 id="forbidden-title" className="mt-2 text-2xl font-bold">
        You don&apos;t have access to this page
      </h1>
      <p className="mt-3 text-slate-700">
        Your role does not include this section. If you need it for your work, ask an admin to change your
        role in Settings → Users.
      </p>
      <Link
        href="/"
        className="mt-6 inline-flex w-fit rounded-md bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800"
      >
        Go to your start page
      </Link>
    </div>
  );
}
