'use client';
/** Instances started, completed, cancelled and failed per day (recharts). */
import { Bar, CartesianGrid, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis, ComposedChart } from 'recharts';

export type OverTimePoint = { day: string; started: number; completed: number; cancelled: number; failed: number };

const COLORS = { started: '#2563eb', completed: '#16a34a', cancelled: '#9ca3af', failed: '#dc2626' };

export function OverTimeChart({ series }: { series: OverTimePoint[] }) {
  const data = series.map((p) => ({ ...p, label: p.day.slice(5) }));
  return (
    <div className="h-72 w-full" data-testid="over-time-chart">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#eef0f3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#6b7280' }} tickLine={false} axisLine={{ stroke: '#e5e7eb' }} minTickGap={16} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#6b7280' }} tickLine={false} axisLine={false} width={48} />
          <Tooltip contentStyle={{ fontSize: 12, borderRadius: 6 }} labelFormatter={(_, payload) => String(payload?.[0]?.payload?.day ?? '')} />
          <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="completed" stackId="ended" fill={COLORS.completed} name="Completed" isAnimationActive={false} />
          <Bar dataKey="cancelled" stackId="ended" fill={COLORS.cancelled} name="Cancelled" isAnimationActive={false} />
          <Line type="monotone" dataKey="started" stroke={COLORS.started} strokeWidth={2} dot={false} name="Started" isAnimationActive={false} />
          <Line type="monotone" dataKey="failed" stroke={COLORS.failed} strokeWidth={2} dot={false} name="Failed (incidents)" isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

