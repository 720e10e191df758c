import { ChampionChallengerPage } from '@/components/registry/ChampionChallengerPage';
import { decodeParam } from '@/components/registry/registry-links';

export const dynamic = 'force-dynamic';

/** `?a=<alias or v<n>>&b=<alias or v<n>>`, champion and challenger by default; read on the client. */
export default async function ChampionChallengerRoute({ params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  return <ChampionChallengerPage name={decodeParam(name)} />;
}
