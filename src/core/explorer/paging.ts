// Page-by-page loading state for a list the service returns with NextToken ("Load more" in the tree).

export type PageFetcher<T> = (nextToken: string | undefined) => Promise<{ items: T[]; nextToken?: string }>;

export class PagedList<T> {
  private loaded: T[] = [];
  private token: string | undefined;
  private started = false;
  private pending: Promise<void> | undefined;
  private lastError: unknown;

  constructor(private readonly fetchPage: PageFetcher<T>) {}

  get items(): readonly T[] {
    return this.loaded;
  }

  get hasMore(): boolean {
    return !this.started || this.token !== undefined;
  }

  get error(): unknown {
    return this.lastError;
  }

  get isLoaded(): boolean {
    return this.started;
  }

  /** Loads the first page unless some page is already loaded. */
  async ensureFirstPage(): Promise<void> {
    if (!this.started) await this.loadMore();
  }

  /** Loads the next page; concurrent calls share one request. Errors are kept (see `error`) and rethrown. */
  loadMore(): Promise<void> {
    this.pending ??= this.fetchNext().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async fetchNext(): Promise<void> {
    if (this.started && this.token === undefined) return;
    try {
      const page = await this.fetchPage(this.token);
      this.loaded = [...this.loaded, ...page.items];
      this.token = page.nextToken;
      this.started = true;
      this.lastError = undefined;
    } catch (error) {
      this.lastError = error;
      throw error;
    }
  }
}
