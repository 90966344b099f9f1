import { LitElement, html } from 'lit';
import { JsonRpc } from 'jsonrpc';
import './qwc-warden-table.js';

/** Agents and their tools: effects, risk, labels. */
export class QwcWardenAgents extends LitElement {
    jsonRpc = new JsonRpc(this);
    static properties = { _agents: { state: true } };

    connectedCallback() {
        super.connectedCallback();
        this.jsonRpc.getAgents().then(r => { this._agents = r.result; });
    }

    render() {
        if (!this._agents) return html`Loading...`;
        return html`${this._agents.map(a => html`
            <h3>${a.id} <small>${a.description} (owner ${a.owner}, version ${a.version}, policies ${a.policies.join(', ')})</small></h3>
            <qwc-warden-table .rows=${a.tools}
                .columns=${['name', 'effects', 'risk', 'sourceLabels', 'sinkClearance', 'argumentClearances', 'secretArguments', 'description']}
                empty="No tools."></qwc-warden-table>`)}`;
    }
}
customElements.define('qwc-warden-agents', QwcWardenAgents);
