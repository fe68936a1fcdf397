/** A page's URL query as Next.js hands it over: list pages keep their filters and sort there (decision 048). */
export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The props of a page that reads its URL query (a list, a report). */
export type ListPageProps = { searchParams: SearchParams };

/** The props of a record's page: the route's parameter (`id` unless named) and its URL query. */
export type RecordPageProps<K extends string = 'id'> = {
  params: Promise<Record<K, string>>;
  searchParams: SearchParams;
};
