import { useQuery } from '@tanstack/react-query';
import { MapChart } from 'echarts/charts';
import { GeoComponent } from 'echarts/components';
import { useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import type { HotspotMap } from '../../../contracts/hotspots.js';
import { getHotspotMap, hotspotKeys } from '../../api/hotspots.js';
import { palette, type Tone } from '../dashboard/charts.js';
import { echarts } from '../dashboard/echarts.js';
import { Chart } from '../dashboard/use-chart.js';

// 热点分布: the city's districts coloured by the latest detection's hot spots (none / one / two or more), the
// strongest hot spot's sentence in the tooltip; a click opens 热点发现 for that district. The boundaries are a static
// file served with the console (/maps/hengyang-districts.geojson, docs/hotspots.md); a city uses its own.

echarts.use([MapChart, GeoComponent]);

const mapName = 'city-districts';
export const mapUrl = '/maps/hengyang-districts.geojson';

async function loadBoundaries(): Promise<true> {
  if (!echarts.getMap(mapName)) {
    const res = await fetch(mapUrl, { credentials: 'same-origin' });
    if (!res.ok) throw new Error('地图边界文件无法加载');
    echarts.registerMap(mapName, await res.json());
  }
  return true;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

function option(m: HotspotMap, tone: Tone) {
  const c = palette[tone];
  const byName = new Map(m.districts.map((d) => [d.name, d]));
  return {
    textStyle: { fontSize: c.font, color: c.text },
    tooltip: {
      trigger: 'item', confine: true, textStyle: { fontSize: tone === 'dark' ? 18 : 13 },
      formatter: (p: { name: string }) => {
        const d = byName.get(p.name);
        if (!d || !d.hotspots) return `${esc(p.name)}：当前无热点`;
        return `<b>${esc(p.name)}</b>：热点 ${d.hotspots} 个，涉及诉求 ${d.cases} 件<div style="max-width:320px;white-space:normal;margin-top:4px">${esc(d.top ?? '')}</div>`;
      },
    },
    visualMap: {
      type: 'piecewise', show: true, left: 8, bottom: 8, orient: 'vertical', textStyle: { color: c.text, fontSize: tone === 'dark' ? 16 : 12 },
      pieces: [{ value: 0, label: '无热点', color: tone === 'dark' ? '#2e3f6e' : '#e6f4ff' }, { value: 1, label: '1 个热点', color: c.amber }, { min: 2, label: '2 个及以上', color: c.red }],
    },
    series: [{
      type: 'map', map: mapName, roam: false, selectedMode: false, layoutCenter: ['55%', '50%'], layoutSize: '95%',
      label: { show: true, color: tone === 'dark' ? '#ffffff' : '#1f1f1f', fontSize: tone === 'dark' ? 14 : 11 },
      itemStyle: { borderColor: tone === 'dark' ? '#0b1733' : '#ffffff', borderWidth: 1 },
      emphasis: { label: { color: tone === 'dark' ? '#ffffff' : '#000000' }, itemStyle: { areaColor: c.blue } },
      data: m.districts.map((d) => ({ name: d.name, value: d.hotspots })),
    }],
  };
}

/** The district map; `height` in pixels. Null until the boundaries and the figures are in. */
export function DistrictHotspotMap({ tone, height = 360 }: { tone: Tone; height?: number }) {
  const navigate = useNavigate();
  const { data: ready, error } = useQuery({ queryKey: ['map-boundaries', mapUrl], queryFn: loadBoundaries, staleTime: Infinity });
  const { data: m } = useQuery({ queryKey: [...hotspotKeys, 'map'], queryFn: getHotspotMap });
  const opt = useMemo(() => (m ? option(m, tone) : null), [m, tone]);
  if (error) return <div style={{ padding: 16, color: palette[tone].muted }}>地图边界文件无法加载</div>;
  if (!ready || !opt || !m) return <div style={{ height }} />;
  return (
    <Chart testId="hotspot-map" option={opt} height={height} onClick={(e) => {
      const d = m.districts.find((x) => x.name === (e.data as { name?: string } | undefined)?.name);
      if (d) navigate(`/hotspots?districtId=${d.districtId}`);
    }} />
  );
}
