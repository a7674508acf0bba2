import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { loadConfig, setLocalTenant, type ConsoleConfig } from './api';
import { LanguageContext, languages, translator, type Language } from './i18n';
import { hrefOf, usePage, type Page } from './route';
import { JourneysPage } from './pages/JourneysPage';
import { JourneyPage } from './pages/JourneyPage';
import { CustomerPage } from './pages/CustomerPage';
import { CalendarPage } from './pages/CalendarPage';
import { HealthPage } from './pages/HealthPage';
import { Status } from './parts';
import { claimsOf, idTokenKey, signOut } from './sign-in';

const languageKey = 'console.language';
const tenantKey = 'console.tenant';

function initialLanguage(): Language {
  const kept = localStorage.getItem(languageKey);
  if (kept === 'en' || kept === 'zh-CN') return kept;
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function pageView(page: Page): ReactNode {
  switch (page.name) {
    case 'journeys':
      return <JourneysPage />;
    case 'journey':
      return <JourneyPage journeyId={page.journeyId} />;
    case 'customer':
      return <CustomerPage customerId={page.customerId} />;
    case 'calendar':
      return <CalendarPage date={page.date} />;
    case 'health':
      return <HealthPage />;
  }
}

export function App() {
  const [language, setLanguage] = useState<Language>(initialLanguage);
  const [config, setConfig] = useState<ConsoleConfig | Error>();
  const [tenant, setTenant] = useState<string>();
  const page = usePage();
  const t = useMemo(() => translator(language), [language]);

  useEffect(() => {
    loadConfig().then((loaded) => {
      if (loaded.mode === 'local') {
        const kept = localStorage.getItem(tenantKey);
        const chosen = loaded.tenants.find((candidate) => candidate.id === kept)?.id ?? loaded.tenants[0]?.id;
        if (chosen) setLocalTenant(chosen);
        setTenant(chosen);
      } else {
        const claim = claimsOf(sessionStorage.getItem(idTokenKey) ?? '')?.['custom:tenant'];
        setTenant(typeof claim === 'string' ? claim : undefined);
      }
      setConfig(loaded);
    }, setConfig);
  }, []);

  useEffect(() => {
    document.documentElement.lang = language;
    document.title = t('appTitle');
    localStorage.setItem(languageKey, language);
  }, [language, t]);

  const chooseTenant = (id: string) => {
    localStorage.setItem(tenantKey, id);
    setLocalTenant(id);
    setTenant(id);
  };

  const nav: [Page['name'][], string, string][] = [
    [['journeys', 'journey'], hrefOf.journeys(), t('navJourneys')],
    [['calendar'], hrefOf.calendar(), t('navCalendar')],
    [['customer'], hrefOf.customer(), t('navCustomer')],
    [['health'], hrefOf.health(), t('navHealth')],
  ];

  return (
    <LanguageContext.Provider value={{ language, t }}>
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top">
        <p className="brand">{t('appTitle')}</p>
        <nav aria-label={t('navLabel')}>
          <ul>
            {nav.map(([names, href, label]) => (
              <li key={href}>
                <a href={href} aria-current={names.includes(page.name) ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="controls">
          {config && !(config instanceof Error) && config.mode === 'local' && (
            <label>
              {t('tenant')}{' '}
              <select value={tenant} onChange={(event) => chooseTenant(event.target.value)}>
                {config.tenants.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          {config && !(config instanceof Error) && config.mode === 'cognito' && (
            <p className="signed-in">
              {t('tenant')} <strong>{tenant}</strong>{' '}
              <button type="button" onClick={() => signOut(config)}>
                {t('signOut')}
              </button>
            </p>
          )}
          <label>
            {t('language')}{' '}
            <select value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
              {Object.entries(languages).map(([code, name]) => (
                <option key={code} value={code} lang={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {config === undefined ? (
          <Status>{t('loading')}</Status>
        ) : config instanceof Error ? (
          <Status error>{t('failed', { detail: config.message })}</Status>
        ) : (
          <div key={tenant ?? 'signed-in'}>{pageView(page)}</div>
        )}
      </main>
    </LanguageContext.Provider>
  );
}
