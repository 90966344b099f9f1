import { LitElement, html, css } from 'lit';

/** A plain table of rows (objects), with the given columns; nested values are shown as JSON. */
export class QwcWardenTable extends LitElement {
    static styles = css`
        table { border-collapse: collapse; width: 100%; font-size: var(--lumo-font-size-s); }
        th, td { text-align: left; vertical-align: top; padding: 4px 8px; border-bottom: 1px solid var(--lumo-contrast-10pct); }
        pre { margin: 0; white-space: pre-wrap; }
        .empty { padding: 8px; color: var(--lumo-secondary-text-color); }`;
    static properties = { rows: { type: Array }, columns: { type: Array }, empty: { type: String } };

    render() {
        if (!this.rows || this.rows.length === 0) {
            return html`<div class="empty">${this.empty || 'Nothing here.'}</div>`;
        }
        return html`<table>
            <tr>${this.columns.map(c => html`<th>${c}</th>`)}</tr>
            ${this.rows.map(r => html`<tr>${this.columns.map(c => html`<td>${this._cell(r[c])}</td>`)}</tr>`)}
        </table>`;
    }

    _cell(v) {
        if (v === null || v === undefined) return '';
        if (typeof v === 'object') return html`<pre>${JSON.stringify(v, null, 1)}</pre>`;
        return String(v);
    }
}
customElements.define('qwc-warden-table', QwcWardenTable);
