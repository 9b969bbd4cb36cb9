import {
  type InfiniteData,
  type QueryFilters,
  type QueryKey,
  type UseInfiniteQueryOptions,
  type UseMutationOptions,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import { Form, type FormInstance } from "antd";
import { useState } from "react";
import { applyFieldErrors } from "../../errors/form-errors";

/** How every record list pages: by the cursor the API returned, 20 at a time. */
export const NEXT_PAGE = { getNextPageParam: (p: { cursor?: string | null }) => p.cursor ?? undefined };
export const PAGE_SIZE = 20;

/** What RecordPageShell needs to show a record list and load more of it. */
export type RecordList<T> = {
  items: T[];
  loading: boolean;
  hasMore: boolean;
  loadingMore: boolean;
  onMore: () => void;
};

/** One record list, paged by cursor: `useRecordList(trpc.x.list.infiniteQueryOptions(input, NEXT_PAGE))`. */
export function useRecordList<TPage extends { items: unknown[] }, TError, TKey extends QueryKey, TParam>(
  options: UseInfiniteQueryOptions<TPage, TError, InfiniteData<TPage, TParam>, TKey, TParam>,
): RecordList<TPage["items"][number]> {
  const list = useInfiniteQuery(options);
  return {
    items: (list.data?.pages.flatMap((p) => p.items) ?? []) as TPage["items"][number][],
    loading: list.isPending,
    hasMore: list.hasNextPage,
    loadingMore: list.isFetchingNextPage,
    onMore: () => void list.fetchNextPage(),
  };
}

/** A record page's add drawer, as useCreateRecord gives it to RecordPageShell. */
export type CreateRecord<V> = {
  show: () => void;
  drawer: {
    open: boolean;
    onClose: () => void;
    form: FormInstance<V>;
    submitting: boolean;
    onFinish: (values: V) => void;
  };
};

/**
 * The add drawer of a record page: its form and open state, and the create mutation, which closes the
 * drawer and refreshes the area's lists on success or puts the API's field errors next to the fields.
 * `useCreateRecord(trpc.x.create.mutationOptions, trpc.x.pathFilter(), (v) => newRecord(townshipId, v))`,
 * then `<FormDrawer {...adding.drawer}>`.
 */
export function useCreateRecord<V, TData, TError, TInput, TContext>(
  mutationOptions: (handlers: {
    onSuccess: () => void;
    onError: (e: unknown) => void;
  }) => UseMutationOptions<TData, TError, TInput, TContext>,
  refresh: QueryFilters,
  toInput: (values: V) => TInput,
): CreateRecord<V> {
  const qc = useQueryClient();
  const [form] = Form.useForm<V>();
  const [open, setOpen] = useState(false);
  const create = useMutation(
    mutationOptions({
      onSuccess: () => {
        setOpen(false);
        void qc.invalidateQueries(refresh);
      },
      onError: (e) => applyFieldErrors(form, e),
    }),
  );
  return {
    show: () => setOpen(true),
    /** Spread into FormDrawer. */
    drawer: {
      open,
      onClose: () => setOpen(false),
      form,
      submitting: create.isPending,
      onFinish: (values: V) => create.mutate(toInput(values)),
    },
  };
}

/** A new record's input: the township it belongs to, a fresh request id (so a retry never doubles it), its values. */
export const newRecord = <V extends object>(townshipId: string, values: V) => ({
  townshipId,
  requestId: crypto.randomUUID(),
  ...values,
});
