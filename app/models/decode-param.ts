/** A dynamic route segment as text; a segment that is not valid percent-encoding is taken as it is. */
export function decodeParam(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
