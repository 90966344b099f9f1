import { LitElement, html } from 'lit';
import { JsonRpc } from 'jsonrpc';
import './qwc-warden-table.js';

/** Loaded policy sets with versions; a rejected edit is shown with file, line and rule (the last good version serves). */
export class QwcWardenPolicies extends LitElement {
    jsonRpc = new JsonRpc(this);
    static properties = { _policies: { state: true } };

    connectedCallback() {
        super.connectedCallback();
        this._load();
        this._timer = setInterval(() => this._load(), 2000);
    }

    disconnectedCallback() {
        clearInterval(this._timer);
        super.disconnectedCallback();
    }

    _load() {
        this.jsonRpc.getPolicies().then(r => { this._policies = r.result; });
    }

    render() {
        const p = this._policies;
        if (!p) return html`Loading...`;
        return html`
            ${p.rejected.length > 0 ? html`<h3 style="color: var(--lumo-error-text-color)">Rejected edit: the previous version keeps serving</h3>
                <ul>${p.rejected.map(x => html`<li><code>${x}</code></li>`)}</ul>` : ''}
            <qwc-warden-table .rows=${p.sets} .columns=${['name', 'version', 'mode', 'rules', 'source']}
                empty="No policy sets loaded."></qwc-warden-table>
            <p>Watching for edits: ${p.watching}. Last reload: ${p.lastReload ? JSON.stringify(p.lastReload) : 'none since startup'}</p>`;
    }
}
customElements.define('qwc-warden-policies', QwcWardenPolicies);
