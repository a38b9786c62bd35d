/** The time split of issue 14: train before June 2015, evaluate June..August 2015. */
export const SPLIT = { trainBefore: '2015-06-01', evaluateFrom: '2015-06-01', evaluateBefore: '2015-09-01' };
