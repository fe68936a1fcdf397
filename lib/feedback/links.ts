import 'server-only';
import { isLinkToken, linkToken, publicBaseUrl } from '@/lib/signed-link';

/**
 * The survey email's links, signed by lib/signed-link.ts (the same signing as the return label):
 * `<app>/l/feedback/<survey id>?t=<token>[&r=<rating>]` opens the answer page with that rating
 * chosen; `<app>/l/feedback/unsubscribe/<customer id>?t=<token>` the unsubscribe page. A token
 * proves the link came from us; whether the survey still answers (answered, expired) is checked
 * by the use case.
 */
const SURVEY = 'feedback-survey';
const UNSUBSCRIBE = 'feedback-unsubscribe';

export function surveyToken(surveyId: string): string {
  return linkToken(SURVEY, surveyId);
}

export function signedSurveyUrl(surveyId: string, rating?: number | string): string {
  const r = rating === undefined ? '' : `&r=${encodeURIComponent(String(rating))}`;
  return `${publicBaseUrl()}/l/feedback/${surveyId}?t=${surveyToken(surveyId)}${r}`;
}

export function isSurveyToken(surveyId: string, candidate: string | null | undefined): boolean {
  return isLinkToken(SURVEY, surveyId, candidate);
}

export function signedUnsubscribeUrl(customerId: string): string {
  return `${publicBaseUrl()}/l/feedback/unsubscribe/${customerId}?t=${linkToken(UNSUBSCRIBE, customerId)}`;
}

export function isUnsubscribeToken(customerId: string, candidate: string | null | undefined): boolean {
  return isLinkToken(UNSUBSCRIBE, customerId, candidate);
}
