/**
 * The workflow conventions restated in functions/lib/git/workflow.ts must be Decap's own:
 * compared with decap-cms-lib-util (the module decap-cms-backend-github and decap-server
 * import), so a Decap update that changes them fails here instead of hiding proposals.
 */
import { describe, expect, it } from 'vitest';
// @ts-expect-error: decap-cms-lib-util ships no types for its ESM build
import * as decap from 'decap-cms-lib-util/dist/esm/APIUtils.js';
import { CMS_BRANCH_PREFIX, PENDING_REVIEW, parseWorkflowBranch, statusLabel, workflowBranch, labelStatus } from '../../functions/lib/git/workflow.ts';

describe('Decap workflow conventions', () => {
  it('names branches and labels as Decap does', () => {
    expect(CMS_BRANCH_PREFIX).toBe(decap.CMS_BRANCH_PREFIX);
    expect(workflowBranch('offers', 'job-cafe')).toBe(decap.branchFromContentKey(decap.generateContentKey('offers', 'job-cafe')));
    expect(statusLabel(PENDING_REVIEW)).toBe(decap.statusToLabel('pending_review', ''));
    expect(labelStatus(decap.statusToLabel('pending_publish', ''))).toBe('pending_publish');
    expect(parseWorkflowBranch('cms/offers/job-cafe')).toEqual(decap.parseContentKey(decap.contentKeyFromBranch('cms/offers/job-cafe')));
  });
});
