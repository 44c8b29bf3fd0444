/**
 * More function words of the site's other languages, dropped from the offers' stored body
 * words at build time only (the short list in normalize.ts also applies to queries and
 * travels with the finder's script). They fill a phone's search data – the finder's
 * first visit has a 60 kB budget (tests/browser/transfer-budget) – without telling
 * offers apart; a query containing one still finds its offers through its other words.
 * Folded like every stored word (й → и, ї → і, ş → s). Built on first use, so the finder's
 * script, which shares modules with the search data builder, does not carry the list.
 */
import { fold, STOPWORDS } from './normalize.ts';

let cached: ReadonlySet<string> | undefined;

export function bodyStopwords(): ReadonlySet<string> {
  cached ??= new Set([...STOPWORDS, ...WORDS.split(' ').map((word) => fold(word))]);
  return cached;
}

const WORDS =
  'you your yours we our us they their them be been was were can will would this that these those ' +
  'if as also there here when who which not no then than so very just into about for example only each own ' +
  'şu o da de için gibi ama çok daha siz sizin biz bizim size sizi onlar olarak her ne mi mı mu mü ki ise kadar sonra önce var yok örneğin sadece ' +
  'же ли бы вы вас вам ваш ваша ваше ваши мы нас нам наш наша наши этот эта эти если также так есть быть будет можно можете ' +
  'который которые которая которых которую при том тем этом все всё его ее её их вместе но а например очень только уже еще ещё когда чтобы себя свой свои своих каждый многие время какие какая какой после вами нужно часто этой этого через другими другие сразу больше тоже то хотите конце ' +
  'ви вас вам ваш ваша ваше ваші ми нас нам наш наша наші цей ця ці якщо також так є бути буде можна можете ' +
  'який які яка яких яку при тому все всі його її їх разом але а наприклад дуже тільки лише вже ще коли щоб себе свій свої своїх кожен багато час які після вами потрібно часто цієї цього через іншими інші одразу більше теж то хочете кінці ' +
  'هو هي هم نحن أنت أنتم لك لكم قد لا ما إذا أيضا أيضًا تلك الذين إلى أن إن كان يمكن يمكنك مثلا مثلًا فقط';
