/** Loading and error states: a page whose endpoint is missing shows why, and never crashes. */
import { Button, Result, Spin } from 'antd';
import { Component, type ReactNode } from 'react';
import type { ApiError } from '../api.ts';

export function Loading(): ReactNode {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin tip="正在加载…">
        <div style={{ height: 40 }} />
      </Spin>
    </div>
  );
}

export function ErrorState({ error, onRetry }: { error: ApiError | null; onRetry?: () => void }): ReactNode {
  if (!error) return null;
  const missing = error.status === 404 && error.detail === '接口不存在';
  return (
    <Result
      status={missing ? 'info' : error.status === 403 ? '403' : 'warning'}
      title={missing ? '该功能暂未开通' : error.status === 403 ? '没有权限' : '暂时无法加载'}
      subTitle={error.detail}
      extra={onRetry ? <Button onClick={onRetry}>重试</Button> : undefined}
    />
  );
}

type BoundaryState = { message: string | null };

/** Catches a render failure in one page so the rest of the app keeps working. */
export class PageBoundary extends Component<{ children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { message: null };

  static getDerivedStateFromError(e: unknown): BoundaryState {
    return { message: e instanceof Error ? e.message : '页面出错' };
  }

  override render(): ReactNode {
    if (this.state.message !== null) {
      return (
        <Result
          status="error"
          title="页面显示出错"
          subTitle="请刷新页面后重试；如仍有问题请联系管理员。"
          extra={<Button onClick={() => this.setState({ message: null })}>重新显示</Button>}
        />
      );
    }
    return this.props.children;
  }
}
