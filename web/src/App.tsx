/**
 * The login gate. The signed-in shell (menu, pages) is loaded only after login (whose steps, a new
 * password or a second factor, come before any session), so the login page's first load is React,
 * the login form and the antd parts it uses.
 */
import { lazy, type ReactNode, Suspense, useCallback, useEffect, useState } from 'react';
import { ApiError, get, type LedgerMeta, type Me, post, setUnauthorizedHandler, type Unit } from './api.ts';
import { ErrorState, Loading } from './components/States.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { SessionContext, type Session } from './session.tsx';

const Shell = lazy(() => import('./Shell.tsx'));

type Boot = { me: Me; ledgers: LedgerMeta[]; units: Unit[] };

export function App(): ReactNode {
  const [boot, setBoot] = useState<Boot | null>(null);
  const [state, setState] = useState<'loading' | 'login' | 'ready' | 'error'>('loading');
  const [bootError, setBootError] = useState<ApiError | null>(null);

  const load = useCallback(async () => {
    try {
      const me = await get<Me>('/api/me');
      const [ledgers, units] = await Promise.all([
        get<LedgerMeta[]>('/api/ledgers').catch(() => [] as LedgerMeta[]),
        get<Unit[]>('/api/units').catch(() => [] as Unit[]),
      ]);
      setBoot({ me, ledgers, units });
      setState('ready');
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) {
        setBoot(null);
        setState('login');
      } else {
        setBootError(e instanceof ApiError ? e : new ApiError(0, '加载失败'));
        setState('error');
      }
    }
  }, []);

  useEffect(() => {
    void load();
    setUnauthorizedHandler(() => {
      setBoot(null);
      setState('login');
    });
    return () => setUnauthorizedHandler(null);
  }, [load]);

  const logout = useCallback(async () => {
    try {
      await post('/api/auth/logout');
    } catch {
      /* the session may already be gone */
    }
    setBoot(null);
    setState('login');
  }, []);

  if (state === 'loading') return <Loading />;
  if (state === 'error') return <ErrorState error={bootError} onRetry={() => void load()} />;
  if (state === 'login' || !boot) {
    return <LoginPage onLoggedIn={() => void load()} />;
  }
  const session: Session = { ...boot, reloadMe: () => void load(), logout: () => void logout() };
  return (
    <SessionContext.Provider value={session}>
      <Suspense fallback={<Loading />}>
        <Shell session={session} />
      </Suspense>
    </SessionContext.Provider>
  );
}
