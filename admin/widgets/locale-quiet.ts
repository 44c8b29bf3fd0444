/**
 * Decap's own relation control, silent in the other languages' panes.
 *
 * With i18n on, Decap mounts every field in each language pane, hiding those that are
 * not translated (`i18n: false`: provider, networks, topics …). On mount the relation
 * control loads its options and calls onChange with the unchanged value plus metadata
 * (decap-cms-widget-relation, RelationControl.triggerInitialOnChange). In a second
 * language pane that write lands in `i18n.<lang>.data` and marks the entry as changed
 * although nobody touched it: Decap then refuses to change a workflow entry's status
 * ("Es sind noch ungespeicherte Änderungen vorhanden …") until it is saved once more, so
 * the office could not approve a partner's proposal with one click. Such a field cannot
 * be edited in that pane, so its control's changes there are dropped; in the German
 * pane and for translated fields everything passes through unchanged.
 */
import { Component, createElement as h, type ComponentType, type ReactNode } from 'react';

interface Props {
  locale?: string;
  field: { get(key: string): unknown };
  onChange: (...args: unknown[]) => void;
}

interface InnerControl {
  isValid?: () => unknown;
  shouldComponentUpdate?: (next: Props) => boolean;
}

/** Whether a field takes part in a language other than the default one. */
export function isTranslatedField(i18n: unknown): boolean {
  return i18n === true || i18n === 'translate' || i18n === 'duplicate';
}

export function localeQuietControl(Inner: ComponentType<Record<string, unknown>>, defaultLocale: string) {
  return class LocaleQuietControl extends Component<Props> {
    private inner: InnerControl | null = null;
    private keepRef = (ref: InnerControl | null) => {
      this.inner = ref;
    };

    // Decap's widget wrapper asks the control it holds a ref to whether its value is valid,
    // and lets it decide when to re-render: without an answer it would re-render only on a
    // new value, and the relation control would never see its search results (queryHits).
    // Both questions go on to the relation control itself.
    isValid = () => this.inner?.isValid?.() ?? true;

    override shouldComponentUpdate(next: Props): boolean {
      const own = this.inner?.shouldComponentUpdate;
      return own ? own.call(this.inner, next) : true;
    }

    private onChange = (...args: unknown[]) => {
      const { locale, field } = this.props;
      if (locale && locale !== defaultLocale && !isTranslatedField(field.get('i18n'))) return;
      this.props.onChange(...args);
    };

    override render(): ReactNode {
      return h(Inner, { ...this.props, onChange: this.onChange, ref: this.keepRef });
    }
  };
}
