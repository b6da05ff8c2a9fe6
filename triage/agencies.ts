import type { AgencyRouteId } from './routes';

/**
 * How to reach each agency: national routes, correct as of November 2026. A force profile overrides
 * any of these (for example the local council's own reporting page) and may add local contacts.
 * What each agency handles is user-facing text, so it lives in locales (`routes:agency.<id>.*`).
 */
export interface AgencyContact {
  /** Proper name, shown as is in every language. */
  readonly name: string;
  readonly web?: string;
  readonly phone?: string;
  /** A number to text (SMS), e.g. British Transport Police's 61016. */
  readonly text?: string;
  readonly email?: string;
}

export const DEFAULT_AGENCIES: Record<AgencyRouteId, AgencyContact> = {
  'agency:report-fraud': {
    name: 'Report Fraud',
    web: 'https://www.reportfraud.police.uk',
    phone: '0300 123 2040',
  },
  'agency:council': { name: 'Your local council', web: 'https://www.gov.uk/find-local-council' },
  'agency:national-highways': {
    name: 'National Highways',
    web: 'https://nationalhighways.co.uk/contact-us/',
    phone: '0300 123 5000',
  },
  'agency:rspca': {
    name: 'RSPCA',
    web: 'https://www.rspca.org.uk/reportcruelty',
    phone: '0300 1234 999',
  },
  'agency:dvla': { name: 'DVLA', web: 'https://www.gov.uk/report-untaxed-vehicle' },
  'agency:btp': {
    name: 'British Transport Police',
    web: 'https://www.btp.police.uk',
    phone: '0800 40 50 40',
    text: '61016',
  },
  'agency:ceop': {
    name: 'CEOP (National Crime Agency)',
    web: 'https://www.ceop.police.uk/Safety-Centre/',
  },
  'agency:crimestoppers': {
    name: 'Crimestoppers',
    web: 'https://crimestoppers-uk.org/give-information',
    phone: '0800 555 111',
  },
  'agency:nhs-111': { name: 'NHS 111', web: 'https://111.nhs.uk', phone: '111' },
  'agency:consumer': {
    name: 'Citizens Advice consumer service',
    web: 'https://www.citizensadvice.org.uk/consumer/',
    phone: '0808 223 1133',
  },
  'agency:environment-agency': {
    name: 'Environment Agency',
    web: 'https://www.gov.uk/report-an-environmental-incident',
    phone: '0800 80 70 60',
  },
  'agency:gas-emergency': { name: 'National Gas Emergency Service', phone: '0800 111 999' },
  'agency:power-cut': {
    name: 'Power cut helpline',
    web: 'https://www.powercut105.com',
    phone: '105',
  },
  'agency:immigration': {
    name: 'Home Office Immigration Enforcement',
    web: 'https://www.gov.uk/report-immigration-crime',
  },
  'agency:cica': {
    name: 'Criminal Injuries Compensation Authority',
    web: 'https://www.gov.uk/claim-compensation-criminal-injury',
    phone: '0300 003 3601',
  },
  'agency:victim-support': {
    name: 'Victim Support',
    web: 'https://www.victimsupport.org.uk',
    phone: '08 08 16 89 111',
  },
  'agency:hmrc': {
    name: 'HMRC',
    web: 'https://www.gov.uk/report-tax-fraud',
    phone: '0800 788 887',
  },
};
