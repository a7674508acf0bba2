import { useEffect, useState } from 'react';

/** The console's pages, addressed by the URL's hash so static hosting needs no rewrites. */
export type Page =
  | { name: 'journeys' }
  | { name: 'journey'; journeyId: string }
  | { name: 'customer'; customerId?: string }
  | { name: 'calendar'; date?: string }
  | { name: 'health' };

export function pageOf(hash: string): Page {
  const [section, id] = hash.replace(/^#\/?/, '').split('/').map((part) => decodeURIComponent(part));
  switch (section) {
    case 'journeys':
      return id ? { name: 'journey', journeyId: id } : { name: 'journeys' };
    case 'customers':
      return id ? { name: 'customer', customerId: id } : { name: 'customer' };
    case 'calendar':
      return id ? { name: 'calendar', date: id } : { name: 'calendar' };
    case 'health':
      return { name: 'health' };
    default:
      return { name: 'journeys' };
  }
}

export const hrefOf = {
  journeys: () => '#/journeys',
  journey: (journeyId: string) => `#/journeys/${encodeURIComponent(journeyId)}`,
  customer: (customerId?: string) => (customerId ? `#/customers/${encodeURIComponent(customerId)}` : '#/customers'),
  calendar: (date?: string) => (date ? `#/calendar/${date}` : '#/calendar'),
  health: () => '#/health',
};

export function usePage(): Page {
  const [page, setPage] = useState(() => pageOf(location.hash));
  useEffect(() => {
    const onChange = () => setPage(pageOf(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return page;
}
