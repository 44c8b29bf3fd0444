/** One content problem: where it is, which field, what is wrong and what to do. */
export interface Problem {
  /** Path relative to the project root, e.g. `content/offers/deutschkurs-a1.md`. */
  file: string;
  /** Field path as editors see it, e.g. `schedule[2].opens`; absent for whole-file problems. */
  field?: string;
  /** German: what is wrong and what to do. */
  message: string;
}

export function formatProblem(problem: Problem): string {
  return problem.field ? `${problem.file}: Feld \`${problem.field}\`: ${problem.message}` : `${problem.file}: ${problem.message}`;
}
