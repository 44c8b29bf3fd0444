/**
 * `reviewed`: the "still current" date (`reviewed_at`) with a one-click confirmation.
 * Shows how old the confirmation is and asks for a check once it is older than the
 * review interval in the settings; "Heute bestätigen" sets today's date (Europe/Berlin),
 * then saving publishes it. New entries start with today's date.
 */
import { Component, createElement as h, type ReactNode } from 'react';
import { addMonths, berlinDate, formatDate } from '../../src/lib/dates.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Props {
  value?: unknown;
  onChange: (value: string) => void;
  forID: string;
  classNameWrapper: string;
  setActiveStyle: () => void;
  setInactiveStyle: () => void;
}

/** Whole months between two dates, for "vor 3 Monaten". */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0);
}

export function reviewStatus(value: string | undefined, today: string, intervalMonths: number): { text: string; overdue: boolean } {
  if (!value || !DATE.test(value)) return { text: 'Noch nicht bestätigt.', overdue: true };
  const months = monthsBetween(value, today);
  const age = value === today ? 'heute' : months < 1 ? 'in den letzten Wochen' : months === 1 ? 'vor einem Monat' : `vor ${months} Monaten`;
  const overdue = value < addMonths(today, -intervalMonths);
  return {
    text: `Zuletzt bestätigt am ${formatDate(value)} (${age}).${overdue ? ' Bitte prüfen Sie alle Angaben und bestätigen Sie dann.' : ''}`,
    overdue,
  };
}

export function createReviewedControl(intervalMonths: number, today: () => string = () => berlinDate(new Date())) {
  return class ReviewedControl extends Component<Props> {
    override componentDidMount() {
      if (!this.props.value) this.props.onChange(today());
    }

    isValid = () => true;

    override render(): ReactNode {
      const { forID, classNameWrapper, setActiveStyle, setInactiveStyle, onChange } = this.props;
      const value = typeof this.props.value === 'string' ? this.props.value : '';
      const status = reviewStatus(value, today(), intervalMonths);
      const confirmedToday = value === today();
      return h(
        'div',
        { className: `${classNameWrapper} qn-reviewed` },
        h(
          'div',
          { className: 'qn-reviewed__row' },
          h('input', {
            id: forID,
            type: 'date',
            value,
            onChange: (event: { target: { value: string } }) => DATE.test(event.target.value) && onChange(event.target.value),
            onFocus: setActiveStyle,
            onBlur: setInactiveStyle,
          }),
          h(
            'button',
            { type: 'button', className: 'qn-button', disabled: confirmedToday, onClick: () => onChange(today()), 'data-testid': 'confirm-today' },
            confirmedToday ? 'Heute bestätigt ✓' : 'Heute bestätigen',
          ),
        ),
        h('p', { className: status.overdue ? 'qn-reviewed__status qn-reviewed__status--overdue' : 'qn-reviewed__status', role: 'status' }, status.text),
        confirmedToday && h('p', { className: 'qn-reviewed__status' }, 'Jetzt noch oben auf „Speichern“ klicken (und ggf. „Veröffentlichen“).'),
      );
    }
  };
}

export function ReviewedPreview({ value }: { value?: unknown }) {
  return h('span', null, typeof value === 'string' && DATE.test(value) ? formatDate(value) : '');
}
