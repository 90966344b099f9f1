import { LitElement, html } from 'lit';
import { JsonRpc } from 'jsonrpc';
import './qwc-warden-table.js';

/** Pending approvals of every tenant (decide them through POST /v1/approvals/{id}/decision). */
export class QwcWardenApprovals extends LitElement {
    jsonRpc = new JsonRpc(this);
    static properties = { _rows: { state: true } };

    connectedCallback() {
        super.connectedCallback();
        this.jsonRpc.getPendingApprovals().then(r => { this._rows = r.result; });
    }

    render() {
        if (!this._rows) return html`Loading...`;
        return html`<qwc-warden-table .rows=${this._rows}
            .columns=${['approvalId', 'tenant', 'agentId', 'requesterId', 'tool', 'arguments', 'reason', 'ruleIds', 'approverRoles', 'expiresAt']}
            empty="No pending approvals."></qwc-warden-table>`;
    }
}
customElements.define('qwc-warden-approvals', QwcWardenApprovals);
