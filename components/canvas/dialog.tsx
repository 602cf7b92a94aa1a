'use client';
/** A modal dialog (native <dialog>, opened modally on mount): focus stays inside, Escape closes it. */
import { useEffect, useRef, type ReactNode } from 'react';

export function Dialog({ title, onClose, children, testId, wide }: { title: string; onClose?: () => void; children: ReactNode; testId?: string; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby="dialog-title"
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose?.();
      }}
      className={`m-auto rounded-lg border border-gray-200 p-0 shadow-xl backdrop:bg-gray-900/30 ${wide ? 'w-[640px]' : 'w-[460px]'} max-w-[95vw]`}
    >
      <div className="space-y-3 p-5">
        <h2 id="dialog-title" className="text-base font-semibold text-gray-900">
          {title}
        </h2>
        {children}
      </div>
    </dialog>
  );
}
