import type { RouteId } from './routes';

/**
 * The category menu, shown when the classifier is not sure or when someone asks for a list. Two
 * levels, at most 13 entries each (Messenger's quick-reply limit), ordered by how often people need
 * them (seed 000's weekly volumes). Every route id is reachable from here.
 */
export interface MenuGroup {
  readonly id: string;
  readonly routes: readonly RouteId[];
}

export const MENU: readonly MenuGroup[] = [
  {
    id: 'crime',
    routes: [
      'crime',
      'hate-crime',
      'asb',
      'intelligence',
      'agency:report-fraud',
      'agency:crimestoppers',
    ],
  },
  {
    id: 'road',
    routes: ['rtc', 'driving-complaint', 'agency:national-highways', 'agency:dvla'],
  },
  {
    id: 'people',
    routes: [
      'missing-person',
      'concern-for-welfare',
      'agency:nhs-111',
      'agency:victim-support',
      'agency:ceop',
    ],
  },
  {
    id: 'existing',
    routes: ['update', 'feedback'],
  },
  {
    id: 'apply',
    routes: [
      'firearms-licensing',
      'recruitment',
      'clares-law',
      'sarahs-law',
      'foi',
      'subject-access',
      'foreign-nationals',
      'events',
      'notice-to-film',
      'fingerprints',
      'media',
    ],
  },
  {
    id: 'other',
    routes: [
      'your-area',
      'lost-property',
      'general-enquiry',
      'agency:council',
      'agency:btp',
      'agency:rspca',
      'agency:consumer',
    ],
  },
  {
    id: 'agencies',
    routes: [
      'agency:gas-emergency',
      'agency:power-cut',
      'agency:environment-agency',
      'agency:immigration',
      'agency:hmrc',
      'agency:cica',
      'not-police',
    ],
  },
];

export function menuGroup(id: string): MenuGroup | undefined {
  return MENU.find((g) => g.id === id);
}
