import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";

/** How a failed call reaches the user; set by whichever frame is on screen (see ErrorPresenter). */
type Present = (err: unknown) => void;
let present: Present = () => {};

/** The signed-in frame speaks failures through this; it hands back a function that undoes it. */
export function setErrorPresenter(p: Present): () => void {
  present = p;
  return () => {
    if (present === p) present = () => {};
  };
}

/** Queries and mutations that fail show one Chinese notice; `meta.silent` leaves it to the page. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({
      onError: (err, query) => {
        if (!query.meta?.silent) present(err);
      },
    }),
    mutationCache: new MutationCache({
      onError: (err, _v, _c, mutation) => {
        if (!mutation.meta?.silent) present(err);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (count, err) => {
          const code = (err as { data?: { code?: string } }).data?.code;
          return count < 2 && (code === undefined || code === "INTERNAL_SERVER_ERROR" || code === "TIMEOUT");
        },
      },
    },
  });
}
