import type { Metadata } from 'next';
import { requirePagePermission } from '@/lib/auth/require-permission';
import { productTypes } from '@/lib/catalog/queries';
import { shopSettings } from '@/lib/settings/queries';
import { supplierOptions } from '@/lib/purchasing/queries';
import { PageHeader } from '@/components/ui/page-header';
import { ProductForm } from '@/components/catalog/product-form';
import { BackLink } from '@/components/page/back-link';

export const metadata: Metadata = { title: 'New product' };

export default async function NewProductPage() {
  await requirePagePermission('inventory:adjust', '/inventory/products/new');
  const [settings, types, suppliers] = await Promise.all([shopSettings(), productTypes(), supplierOptions()]);
  return (
    <>
      <BackLink href="/inventory/products">Products</BackLink>
      <PageHeader
        title="New product"
        description={`A product and its variants. Prices are in ${settings.currency}; stock is added by receiving it.`}
      />
      <ProductForm mode="create" currency={settings.currency} productTypes={types} suppliers={suppliers} />
    </>
  );
}
