/**
 * `checked-translation`: the switch "Von einer Person geprüft" on each translation. The
 * file keeps its field `machine_translated` (the site, the translate run and health read
 * it); an editor thinks the other way round — "a person checked this" — so the switch
 * shows and sets the opposite: on ⇔ `machine_translated: false`. Switching it off makes
 * the text machine-made again, which the next translation run may renew.
 */
import { Component, createElement as h, type ReactNode } from 'react';

interface Props {
  value?: unknown;
  onChange: (value: boolean) => void;
  forID: string;
  classNameWrapper: string;
  setActiveStyle: () => void;
  setInactiveStyle: () => void;
}

/** Decap's own default (`default: true` from the schema) may not have reached the entry yet: unset counts as machine-made. */
export const isChecked = (value: unknown) => value === false;

export class CheckedTranslationControl extends Component<Props> {
  isValid = () => true;

  override render(): ReactNode {
    const { forID, classNameWrapper, setActiveStyle, setInactiveStyle, onChange } = this.props;
    const checked = isChecked(this.props.value);
    return h(
      'div',
      { className: `${classNameWrapper} qn-checked-translation` },
      h(
        'label',
        { className: 'qn-checked-translation__switch' },
        h('input', {
          id: forID,
          type: 'checkbox',
          role: 'switch',
          checked,
          'aria-checked': checked,
          onChange: (event: { target: { checked: boolean } }) => onChange(!event.target.checked),
          onFocus: setActiveStyle,
          onBlur: setInactiveStyle,
        }),
        ' Von einer Person geprüft',
      ),
      h(
        'p',
        { className: 'qn-checked-translation__status', role: 'status' },
        checked
          ? 'Geprüft: Die Website zeigt keinen Hinweis auf maschinelle Übersetzung, und die Maschine überschreibt diesen Text nicht mehr.'
          : 'Maschinell übersetzt: Die Website weist darauf hin. Einschalten, sobald jemand mit guten Sprachkenntnissen die Übersetzung gelesen und verbessert hat.',
      ),
    );
  }
}

export function CheckedTranslationPreview({ value }: { value?: unknown }) {
  return h('span', null, isChecked(value) ? 'von einer Person geprüft' : 'maschinell übersetzt');
}
