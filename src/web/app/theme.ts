import type { ThemeConfig } from 'antd';

function reducedMotion(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Government blue, compact-ish tables, square-ish corners: a working tool, not a marketing page. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4ed8',
    colorInfo: '#1d4ed8',
    borderRadius: 4,
    // Users who ask their system for less motion get none: modals and messages appear at once.
    motion: !reducedMotion(),
    fontFamily: "-apple-system, BlinkMacSystemFont, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#0f1f3d', headerHeight: 56, headerPadding: '0 24px' },
    Menu: { darkItemBg: '#0f1f3d', darkSubMenuItemBg: '#0b1830', darkItemSelectedBg: '#1d4ed8' },
  },
};
