export default function Home() {
  return <main className="p-6">Upgrade Monitor</main>;
}
