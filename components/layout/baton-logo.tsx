/** Baton's mark: a conductor's baton over a beat, and the name. */
export function BatonLogo({ className = '' }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 ${className}`}>
      <svg width="26" height="26" viewBox="0 0 32 32" aria-hidden>
        <rect x="1" y="1" width="30" height="30" rx="8" fill="#1e3a8a" />
        <path d="M7 23 C 11 14, 15 12, 19 16 S 24 19, 26 10" fill="none" stroke="#93c5fd" strokeWidth="2" strokeLinecap="round" />
        <path d="M9.5 24.5 L 24.5 7.5" stroke="#ffffff" strokeWidth="2.2" strokeLinecap="round" />
        <circle cx="9" cy="25" r="2.6" fill="#ffffff" />
      </svg>
      <span className="text-[17px] font-semibold tracking-tight text-gray-900">Baton</span>
    </span>
  );
}
