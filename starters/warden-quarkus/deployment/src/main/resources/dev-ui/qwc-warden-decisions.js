import { LitElement, html } from 'lit';
import { JsonRpc } from 'jsonrpc';
import './qwc-warden-table.js';

/** The newest decision records, newest first. */
export class QwcWardenDecisions extends LitElement {
    jsonRpc = new JsonRpc(this);
    static properties = { _rows: { state: true } };

    connectedCallback() {
        super.connectedCallback();
        this.jsonRpc.getLastDecisions({ limit: 50 }).then(r => { this._rows = r.result; });
    }

    render() {
        if (!this._rows) return html`Loading...`;
        return html`<qwc-warden-table .rows=${this._rows}
            .columns=${['time', 'tenant', 'agentId', 'userId', 'checkpoint', 'tool', 'outcome', 'code', 'reason', 'ruleIds', 'policies']}
            empty="No decisions yet."></qwc-warden-table>`;
    }
}
customElements.define('qwc-warden-decisions', QwcWardenDecisions);
