import { Problems } from '#common';

/**
 * What any JSON body can run into before the route sees it: over the body
 * limit (413 payload_too_large) or not JSON at all (415
 * unsupported_media_type). For routes that take a JSON body.
 */
export const JsonBodyProblems = () => Problems('payload_too_large', 'unsupported_media_type');
