/**
 * Route ids are a public contract (../shared/DESIGN.md): reports, analytics and the evaluation CLI
 * use them. A force profile may rename teams or change agency details, never the ids.
 */

export const POLICE_ROUTE_IDS = [
  'emergency',
  'crime',
  'hate-crime',
  'rtc',
  'driving-complaint',
  'asb',
  'intelligence',
  'missing-person',
  'concern-for-welfare',
  'firearms-licensing',
  'clares-law',
  'sarahs-law',
  'foi',
  'subject-access',
  'recruitment',
  'foreign-nationals',
  'events',
  'notice-to-film',
  'fingerprints',
  'media',
  'feedback',
  'update',
  'your-area',
  'lost-property',
  'general-enquiry',
  'not-police',
] as const;

export const AGENCY_ROUTE_IDS = [
  'agency:report-fraud',
  'agency:council',
  'agency:national-highways',
  'agency:rspca',
  'agency:dvla',
  'agency:btp',
  'agency:ceop',
  'agency:crimestoppers',
  'agency:nhs-111',
  'agency:consumer',
  'agency:environment-agency',
  'agency:gas-emergency',
  'agency:power-cut',
  'agency:immigration',
  'agency:cica',
  'agency:victim-support',
  'agency:hmrc',
] as const;

export const ROUTE_IDS = [...POLICE_ROUTE_IDS, ...AGENCY_ROUTE_IDS] as const;

export type PoliceRouteId = (typeof POLICE_ROUTE_IDS)[number];
export type AgencyRouteId = (typeof AGENCY_ROUTE_IDS)[number];
export type RouteId = PoliceRouteId | AgencyRouteId;

/**
 * - emergency: 999 guidance, interrupts everything.
 * - police-report: a flow that produces a report for the records system.
 * - police-request: a short request form (applications, disclosures, enquiries) — also a report.
 * - information: the bot answers (your area, lost property, not a police matter) and offers more.
 * - agency: not for the police; the bot says exactly where to go.
 */
export type RouteKind = 'emergency' | 'police-report' | 'police-request' | 'information' | 'agency';

export const TEAM_IDS = [
  'force-control-room',
  'crime-bureau',
  'quality-of-service',
  'rtc-investigations',
  'driving-complaints',
  'community-policing',
  'intelligence-bureau',
  'firearms-licensing',
  'dv-disclosure',
  'public-protection',
  'information-rights',
  'hr-recruitment',
  'foreign-nationals',
  'operational-planning',
  'csi',
  'press-office',
] as const;
export type TeamId = (typeof TEAM_IDS)[number];

/** Default team names, as in the seed's table; a force profile renames them. */
export const DEFAULT_TEAM_NAMES: Record<TeamId, string> = {
  'force-control-room': 'Force Control Room',
  'crime-bureau': 'Crime Bureau',
  'quality-of-service': 'Quality of Service',
  'rtc-investigations': 'RTC Investigations',
  'driving-complaints': 'Driving Complaints',
  'community-policing': 'Community Policing Team',
  'intelligence-bureau': 'Intelligence Bureau',
  'firearms-licensing': 'Firearms',
  'dv-disclosure': 'DV Disclosure',
  'public-protection': 'Public Protection',
  'information-rights': 'Information Rights',
  'hr-recruitment': 'HR Recruitment',
  'foreign-nationals': 'Foreign Nationals',
  'operational-planning': 'Operational Planning',
  csi: 'CSI',
  'press-office': 'Press Office',
};

export interface PoliceRouteDef {
  readonly id: PoliceRouteId;
  readonly kind: Exclude<RouteKind, 'agency'>;
  /** The team that owns what this route produces; information routes have none. */
  readonly team?: TeamId;
  /** Someone may be at risk: the desk shows these first. */
  readonly urgent?: boolean;
}

export interface AgencyRouteDef {
  readonly id: AgencyRouteId;
  readonly kind: 'agency';
}

export type RouteDef = PoliceRouteDef | AgencyRouteDef;

const police = (
  id: PoliceRouteId,
  kind: PoliceRouteDef['kind'],
  team?: TeamId,
  urgent = false,
): PoliceRouteDef => ({ id, kind, ...(team ? { team } : {}), ...(urgent ? { urgent } : {}) });

export const POLICE_ROUTES: Record<PoliceRouteId, PoliceRouteDef> = {
  emergency: police('emergency', 'emergency', 'force-control-room', true),
  crime: police('crime', 'police-report', 'crime-bureau'),
  'hate-crime': police('hate-crime', 'police-report', 'force-control-room'),
  rtc: police('rtc', 'police-report', 'rtc-investigations'),
  'driving-complaint': police('driving-complaint', 'police-report', 'driving-complaints'),
  asb: police('asb', 'police-report', 'community-policing'),
  intelligence: police('intelligence', 'police-report', 'intelligence-bureau'),
  'missing-person': police('missing-person', 'police-report', 'force-control-room', true),
  'concern-for-welfare': police('concern-for-welfare', 'police-report', 'force-control-room', true),
  'firearms-licensing': police('firearms-licensing', 'police-request', 'firearms-licensing'),
  'clares-law': police('clares-law', 'police-request', 'dv-disclosure'),
  'sarahs-law': police('sarahs-law', 'police-request', 'public-protection'),
  foi: police('foi', 'police-request', 'information-rights'),
  'subject-access': police('subject-access', 'police-request', 'information-rights'),
  recruitment: police('recruitment', 'police-request', 'hr-recruitment'),
  'foreign-nationals': police('foreign-nationals', 'police-request', 'foreign-nationals'),
  events: police('events', 'police-report', 'operational-planning'),
  'notice-to-film': police('notice-to-film', 'police-report', 'force-control-room'),
  fingerprints: police('fingerprints', 'police-request', 'csi'),
  media: police('media', 'police-request', 'press-office'),
  feedback: police('feedback', 'police-report', 'quality-of-service'),
  update: police('update', 'police-report', 'quality-of-service'),
  'your-area': police('your-area', 'information'),
  'lost-property': police('lost-property', 'information'),
  'general-enquiry': police('general-enquiry', 'police-request', 'quality-of-service'),
  'not-police': police('not-police', 'information'),
};

export function isRouteId(value: string): value is RouteId {
  return (ROUTE_IDS as readonly string[]).includes(value);
}

export function isAgencyRoute(id: RouteId): id is AgencyRouteId {
  return id.startsWith('agency:');
}

export function routeDef(id: RouteId): RouteDef {
  return isAgencyRoute(id) ? { id, kind: 'agency' } : POLICE_ROUTES[id];
}

/** Routes that end in a report for the records system (they have a flow). */
export const FLOW_ROUTE_IDS = POLICE_ROUTE_IDS.filter(
  (id) => POLICE_ROUTES[id].kind === 'police-report' || POLICE_ROUTES[id].kind === 'police-request',
);
export type FlowRouteId = Exclude<
  PoliceRouteId,
  'emergency' | 'your-area' | 'lost-property' | 'not-police'
>;
