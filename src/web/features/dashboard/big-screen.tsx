/** 大屏: full-window view for meetings, outside the console layout. */
export default function BigScreenPage() {
  return <div style={{ minHeight: '100vh', background: '#0b1733', color: '#fff', padding: 40, fontSize: 32 }}>大屏建设中</div>;
}
