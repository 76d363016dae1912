/** 报告设置: the layout of the bureau's annual report (statutory by default, or the local one). */
import { SettingOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Modal, Radio, Space, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { errorDetail, put, useGet } from '../api.ts';

type Settings = { annualLayout: string; layouts: Array<{ key: string; label: string }> };

export function ReportSettingsButton(): ReactNode {
  const { message, modal } = AntApp.useApp();
  const settings = useGet<Settings>('/api/reports/settings');
  const [open, setOpen] = useState(false);
  const [choice, setChoice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = choice ?? settings.data?.annualLayout ?? null;

  const save = async () => {
    if (!current) return;
    setBusy(true);
    try {
      await put('/api/reports/settings', { annualLayout: current });
      message.success('已保存，新生成的年度报告将采用该结构');
      settings.reload();
      setOpen(false);
    } catch (e) {
      modal.error({ title: '未保存', content: errorDetail(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<SettingOutlined />} onClick={() => setOpen(true)} disabled={!settings.data}>
        报告设置
      </Button>
      <Modal title="报告设置" open={open} okText="保存" cancelText="取消" confirmLoading={busy} onOk={save} onCancel={() => setOpen(false)}>
        <Typography.Paragraph>法治政府建设年度报告的章节结构：</Typography.Paragraph>
        <Radio.Group value={current} onChange={(e) => setChoice(e.target.value as string)}>
          <Space direction="vertical">
            {(settings.data?.layouts ?? []).map((l) => (
              <Radio key={l.key} value={l.key}>
                {l.label}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          默认采用《法治政府建设与责任落实督察工作规定》规定的五部分结构；当地要求不同结构的，可选择本地结构。
        </Typography.Paragraph>
      </Modal>
    </>
  );
}
