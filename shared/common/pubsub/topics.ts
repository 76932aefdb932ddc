/** The Pub/Sub topics of the system (DESIGN §4). */
export const topics = ['audit', 'metering', 'lifecycle'] as const;
export type Topic = (typeof topics)[number];
