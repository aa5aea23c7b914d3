export default function Page() {
  return <div className="pub-loading">建设中</div>;
}
