/**
 * Decap's editorial workflow conventions, as decap-cms-lib-util (APIUtils) defines them
 * and decap-cms-backend-github / decap-server (git mode) use them: an entry waiting for
 * approval lives on branch `cms/<collection>/<slug>`; on GitHub its open pull request
 * carries the label `decap-cms/<status>`, locally the branch description holds the same
 * label. Restated here because functions must not bundle the CMS; tests/partner/
 * workflow-drift.test.ts compares them with Decap's own module.
 */
export const CMS_BRANCH_PREFIX = 'cms';
export const CMS_LABEL_PREFIX = 'decap-cms/';
/** "Wartet auf Freigabe" in Decap's German interface. */
export const PENDING_REVIEW = 'pending_review';

export const workflowBranch = (collection: string, slug: string) => `${CMS_BRANCH_PREFIX}/${collection}/${slug}`;
export const statusLabel = (status: string) => `${CMS_LABEL_PREFIX}${status}`;
export const isStatusLabel = (label: string) => label.startsWith(CMS_LABEL_PREFIX);
export const labelStatus = (label: string) => label.slice(CMS_LABEL_PREFIX.length);

export function parseWorkflowBranch(branch: string): { collection: string; slug: string } | undefined {
  if (!branch.startsWith(`${CMS_BRANCH_PREFIX}/`)) return undefined;
  const key = branch.slice(CMS_BRANCH_PREFIX.length + 1);
  const index = key.indexOf('/');
  if (index <= 0) return undefined;
  return { collection: key.slice(0, index), slug: key.slice(index + 1) };
}

/** Trailer naming the proposal in its commit: how a retry recognises work already done. */
export const PROPOSAL_TRAILER = 'Quartiersnetz-Proposal';
export const commitMessage = (title: string, body: string, id: string) => `${title}\n\n${body}\n\n${PROPOSAL_TRAILER}: ${id}\n`;
export const carriesProposal = (message: string, id: string) => message.includes(`${PROPOSAL_TRAILER}: ${id}`);

/** The author of commits the functions make (no person: partners have no account). */
export const FUNCTION_AUTHOR = { name: 'Quartiersnetz Partnerseite', email: 'partnerseite@example.org' };
