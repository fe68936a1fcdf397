/** A postal address as a block of lines: name, street, city and region with the code, country, phone. */
type AddressFields = {
  name?: string | null;
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  region?: string | null;
  postal_code?: string | null;
  country?: string | null;
  phone?: string | null;
};

export function PostalAddressBlock({ a }: { a: AddressFields }) {
  return (
    <address className="not-italic leading-relaxed">
      {a.name}
      <br />
      {a.line1}
      <br />
      {a.line2 && (
        <>
          {a.line2}
          <br />
        </>
      )}
      {[a.city, a.region].filter(Boolean).join(', ')} {a.postal_code}
      <br />
      {a.country}
      {a.phone && (
        <>
          <br />
          {a.phone}
        </>
      )}
    </address>
  );
}
