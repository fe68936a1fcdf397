import type { ReactNode } from 'react';
import Link from 'next/link';

/**
 * The link above a page's header back to where it sits ("← Orders"). `tall` gives it a 44 px touch
 * target (the floor's screens: fulfillment, receiving, counts).
 */
export function BackLink({
  href,
  tall = false,
  children,
}: {
  href: string;
  tall?: boolean;
  children: ReactNode;
}) {
  return (
    <p className="mb-2 text-sm">
      <Link
        href={href}
        className={
          tall ? 'inline-flex min-h-11 items-center text-brand-700 underline' : 'text-brand-700 underline'
        }
      >
        ← {children}
      </Link>
    </p>
  );
}
