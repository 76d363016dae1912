/** The signed-in shell: top bar (bureau, user, role, logout), left menu by area, lazy pages. */
import {
  AlertOutlined,
  AuditOutlined,
  BookOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileTextOutlined,
  LockOutlined,
  LogoutOutlined,
  MenuOutlined,
  SafetyOutlined,
  SettingOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { App as AntApp, Badge, Button, Grid, Layout, Menu, type MenuProps, Result, Space, Tag } from 'antd';
import { lazy, type ReactElement, type ReactNode, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { type Me, type Perm, type TodoCounts, type TodoMenu, useGet } from './api.ts';
import { ChangePasswordModal } from './components/ChangePasswordModal.tsx';
import { NotificationBell } from './components/NotificationBell.tsx';
import { Loading, PageBoundary } from './components/States.tsx';
import { APP_NAME, COVERAGE_MSG, FACTOR_MSG, LAWS_MSG, MENU_LABEL, moduleLabel, moduleOrder, TODO_LABELS } from './labels.ts';
import { can, type Session } from './session.tsx';

const DashboardPage = lazy(() => import('./pages/DashboardPage.tsx'));
const LedgerPage = lazy(() => import('./pages/LedgerPage.tsx'));
const CalendarPage = lazy(() => import('./pages/CalendarPage.tsx'));
const ReportsPage = lazy(() => import('./pages/ReportsPage.tsx'));
const DrawsPage = lazy(() => import('./pages/DrawsPage.tsx'));
const SystemPage = lazy(() => import('./pages/SystemPage.tsx'));
const SecurityPage = lazy(() => import('./pages/SecurityPage.tsx'));
const AuditPage = lazy(() => import('./pages/AuditPage.tsx'));
const DutyCoveragePage = lazy(() => import('./pages/DutyCoveragePage.tsx'));
const RecordPage = lazy(() => import('./pages/RecordPage.tsx'));
const AccountPage = lazy(() => import('./pages/AccountPage.tsx'));
const LawsPage = lazy(() => import('./pages/LawsPage.tsx'));
const LawPage = lazy(() => import('./pages/LawPage.tsx'));

/** Pages that belong to a ledger area of the menu besides its ledgers. */
const MODULE_PAGES: ReadonlyArray<{ module: string; path: string; label: string }> = [
  { module: 'publicity', path: '/publicity/duty-coverage', label: COVERAGE_MSG.menu },
  { module: 'law', path: '/laws', label: LAWS_MSG.menu },
];

type MenuItem = Required<MenuProps>['items'][number];

/** A menu entry's label with the count of 我的待办 that belongs to it. */
function counted(label: string, counts: TodoCounts | undefined, key: TodoMenu): ReactNode {
  const n = counts?.menu[key] ?? 0;
  if (n === 0) return label;
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
      {label}
      <Badge count={n} size="small" overflowCount={99} title={TODO_LABELS.badge(n)} data-testid={`menu-badge-${key}`} />
    </span>
  );
}

function homePath(me: Me): string {
  if (can(me, 'ledger.read')) return '/';
  if (can(me, 'user.manage') || can(me, 'org.manage')) return '/admin/system';
  if (can(me, 'user.security')) return '/admin/security';
  if (can(me, 'audit.read')) return '/admin/audit';
  return '/';
}

export default function Shell({ session }: { session: Session }): ReactNode {
  const { me, ledgers } = session;
  const navigate = useNavigate();
  const location = useLocation();
  const { modal } = AntApp.useApp();
  const [pwOpen, setPwOpen] = useState(false);
  const org = me.orgs.find((o) => o.id === me.orgId);
  // The badges follow the pages: read again on every page change (a finalised report or a finished
  // deadline leaves the count when its page is left).
  const todo = useGet<TodoCounts>('/api/todo/counts');
  const reloadTodo = todo.reload;
  const firstPath = useRef(location.pathname);
  useEffect(() => {
    if (firstPath.current === location.pathname) return;
    firstPath.current = location.pathname;
    reloadTodo();
  }, [location.pathname, reloadTodo]);
  const counts = todo.data;

  const items = useMemo<MenuItem[]>(() => {
    const out: MenuItem[] = [];
    if (can(me, 'ledger.read')) {
      out.push({ key: '/', icon: <DashboardOutlined />, label: counted('工作台', counts, 'home') });
      const modules = [...new Set(ledgers.map((l) => l.module))].sort((a, b) => moduleOrder(a) - moduleOrder(b));
      out.push({
        key: 'ledgers',
        icon: <BookOutlined />,
        label: '台账',
        children: modules.map((m) => ({
          key: `module:${m}`,
          label: moduleLabel(m),
          children: [
            ...ledgers.filter((l) => l.module === m).map((l) => ({ key: `/ledgers/${l.key}`, label: l.label })),
            ...MODULE_PAGES.filter((p) => p.module === m).map((p) => ({ key: p.path, label: p.label })),
          ],
        })),
      });
      out.push({ key: '/calendar', icon: <CalendarOutlined />, label: counted('期限日历', counts, 'calendar') });
    }
    if (can(me, 'report.read')) out.push({ key: '/reports', icon: <FileTextOutlined />, label: counted('报告', counts, 'reports') });
    if (can(me, 'ledger.read')) out.push({ key: '/draws', icon: <AlertOutlined />, label: '随机抽查摇号' });
    if (can(me, 'org.manage') || can(me, 'user.manage') || can(me, 'calendar.manage')) {
      out.push({ key: '/admin/system', icon: <SettingOutlined />, label: counted('系统管理', counts, 'system') });
    }
    if (can(me, 'user.security')) {
      out.push({ key: '/admin/security', icon: <SafetyOutlined />, label: counted('安全管理', counts, 'security') });
    }
    if (can(me, 'audit.read')) out.push({ key: '/admin/audit', icon: <AuditOutlined />, label: counted('审计日志', counts, 'audit') });
    return out;
  }, [me, ledgers, counts]);

  const current = decodeURI(location.pathname);
  const openModule = ledgers.find((l) => `/ledgers/${l.key}` === current)?.module ?? MODULE_PAGES.find((p) => p.path === current)?.module;
  // On a phone the menu is a drawer-like panel over the page, hidden until asked for.
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const [menuCollapsed, setMenuCollapsed] = useState(true);
  const [openKeys, setOpenKeys] = useState<string[]>(() => (openModule ? ['ledgers', `module:${openModule}`] : []));
  useEffect(() => {
    if (openModule) setOpenKeys((k) => [...new Set([...k, 'ledgers', `module:${openModule}`])]);
  }, [openModule]);

  const confirmLogout = () =>
    modal.confirm({ title: '确定退出登录吗？', okText: '退出', cancelText: '取消', onOk: () => session.logout() });

  const home = homePath(me);
  // A page the signed-in user may not use (e.g. the URL left by the previous user) goes to their home page.
  const only = (perm: Perm | Perm[], page: ReactElement): ReactElement =>
    (Array.isArray(perm) ? perm : [perm]).some((p) => can(me, p)) ? page : <Navigate to={home} replace />;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header className="fz-header">
        <div className="fz-title">
          {narrow && (
            // On a phone the menu is hidden: a dot on its button says 我的待办 has something.
            <Badge dot={(counts?.total ?? 0) > 0} offset={[-4, 4]} data-testid="menu-badge-dot">
              <Button
                type="text"
                size="small"
                icon={<MenuOutlined style={{ color: '#fff' }} />}
                aria-label={MENU_LABEL}
                title={MENU_LABEL}
                onClick={() => setMenuCollapsed((c) => !c)}
              />
            </Badge>
          )}
          <span className="fz-emblem">法</span>
          <span className="fz-org">{narrow ? (org?.short_name ?? org?.name ?? '') : (org?.name ?? '')}</span>
          {!narrow && <span style={{ opacity: 0.85, fontWeight: 400 }}>· {APP_NAME}</span>}
        </div>
        <div className="fz-user">
          <Space>
            {!narrow && <UserOutlined />}
            <span data-testid="current-user">{me.displayName}</span>
            {!narrow && <Tag color="gold">{me.roleLabel}</Tag>}
          </Space>
          {can(me, 'ledger.read') && <NotificationBell narrow={narrow} />}
          <Button
            size="small"
            ghost
            icon={<SafetyOutlined />}
            onClick={() => navigate('/account')}
            aria-label={FACTOR_MSG.accountMenu}
            title={FACTOR_MSG.accountMenu}
            data-testid="account-security"
          >
            {narrow ? null : FACTOR_MSG.accountMenu}
          </Button>
          <Button size="small" ghost icon={<LockOutlined />} onClick={() => setPwOpen(true)} aria-label="修改密码" title="修改密码">
            {narrow ? null : '修改密码'}
          </Button>
          <Button size="small" ghost icon={<LogoutOutlined />} onClick={confirmLogout} aria-label="退出" title="退出">
            {narrow ? null : '退出'}
          </Button>
        </div>
      </Layout.Header>
      <Layout style={{ flex: 1, position: 'relative' }}>
        <Layout.Sider
          width={232}
          theme="light"
          collapsible={narrow}
          collapsed={narrow && menuCollapsed}
          collapsedWidth={0}
          trigger={null}
          style={
            narrow
              ? { position: 'absolute', zIndex: 20, height: '100%', overflow: 'auto', boxShadow: '2px 0 8px rgba(0,0,0,0.15)' }
              : { borderRight: '1px solid #e8e8e8', overflow: 'auto' }
          }
        >
          <Menu
            mode="inline"
            items={items}
            selectedKeys={[current]}
            openKeys={openKeys}
            onOpenChange={(k) => setOpenKeys(k)}
            onClick={(e) => {
              if (!e.key.startsWith('/')) return;
              navigate(e.key);
              if (narrow) setMenuCollapsed(true);
            }}
            style={{ borderInlineEnd: 'none' }}
          />
        </Layout.Sider>
        <Layout.Content className="fz-content">
          <PageBoundary key={location.pathname}>
            <Suspense fallback={<Loading />}>
              <Routes>
                <Route path="/" element={can(me, 'ledger.read') ? <DashboardPage /> : <Navigate to={home} replace />} />
                <Route path="/ledgers/:key" element={only('ledger.read', <LedgerPage />)} />
                <Route path="/records/:id" element={only('ledger.read', <RecordPage />)} />
                <Route path="/calendar" element={only('ledger.read', <CalendarPage />)} />
                <Route path="/reports" element={only('report.read', <ReportsPage />)} />
                <Route path="/draws" element={only('ledger.read', <DrawsPage />)} />
                <Route path="/publicity/duty-coverage" element={only('ledger.read', <DutyCoveragePage />)} />
                <Route path="/laws" element={only('ledger.read', <LawsPage />)} />
                <Route path="/laws/:id" element={only('ledger.read', <LawPage />)} />
                <Route path="/admin/system" element={only(['org.manage', 'user.manage', 'calendar.manage'], <SystemPage />)} />
                <Route path="/admin/security" element={only('user.security', <SecurityPage />)} />
                <Route path="/admin/audit" element={only('audit.read', <AuditPage />)} />
                <Route path="/account" element={<AccountPage />} />
                <Route path="/login" element={<Navigate to={home} replace />} />
                <Route
                  path="*"
                  element={<Result status="404" title="页面不存在" extra={<Button onClick={() => navigate(home)}>返回首页</Button>} />}
                />
              </Routes>
            </Suspense>
          </PageBoundary>
        </Layout.Content>
      </Layout>
      <ChangePasswordModal open={pwOpen} onClose={() => setPwOpen(false)} />
    </Layout>
  );
}
