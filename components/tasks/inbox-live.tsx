'use client';
/**
 * Keeps the inbox current without a reload: listens to the inbox's server-sent stream
 * (/tasks/live, which says "changed" when tasks may have changed) and re-renders the page's
 * server components with the same URL (router.refresh), so filters, sort and page stay.
 * EventSource reconnects by itself after a network blip.
 */
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

/** `since`: the inbox signature the page was rendered with, so a change before the stream opens is not missed. */
export function InboxLive({ since }: { since: string }) {
  const router = useRouter();
  const [state, setState] = useState<'connecting' | 'live' | 'offline'>('connecting');
  // Only the first render's signature: later ones come with the stream's own notices (Last-Event-ID).
  const first = useRef(since);

  useEffect(() => {
    const source = new EventSource(`/tasks/live?since=${encodeURIComponent(first.current)}`);
    let timer: ReturnType<typeof setTimeout> | undefined;
    source.addEventListener('open', () => setState('live'));
    source.addEventListener('error', () => setState(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting'));
    source.addEventListener('changed', () => {
      // Several changes in a burst (a batch of tasks) cause one refresh.
      clearTimeout(timer);
      timer = setTimeout(() => router.refresh(), 150);
    });
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [router]);

  return (
    <span className="inline-flex items-center gap-1.5 text-xs text-gray-500" data-testid="inbox-live" data-state={state} title="The list updates by itself when tasks change">
      <span className={`h-2 w-2 rounded-full ${state === 'live' ? 'bg-emerald-500' : state === 'connecting' ? 'bg-amber-400' : 'bg-gray-400'}`} aria-hidden />
      {state === 'live' ? 'Live' : state === 'connecting' ? 'Connecting…' : 'Offline'}
    </span>
  );
}
