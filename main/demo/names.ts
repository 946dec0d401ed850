/**
 * Names, places and departments for the demo organisation. Each office's time zone fixes its
 * country, which fixes the IP ranges its people sign in from.
 */

export interface Office {
  timezone: string;
  country: string;
  language: string;
  /** Relative head count. */
  weight: number;
  first: readonly string[];
  last: readonly string[];
}

export const OFFICES: readonly Office[] = [
  {
    timezone: 'Europe/Berlin', country: 'DE', language: 'de-DE', weight: 50,
    first: ['Jürgen', 'Anna', 'Lukas', 'Sophie', 'Maximilian', 'Lea', 'Felix', 'Marie', 'Jonas',
      'Hannah', 'Tobias', 'Katrin', 'Stefan', 'Julia', 'Matthias', 'Sabine', 'Florian', 'Nina'],
    last: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker',
      'Hoffmann', 'Schulz', 'Koch', 'Richter', 'Klein', 'Wolf', 'Neumann', 'Braun', 'Krüger'],
  },
  {
    timezone: 'America/New_York', country: 'US', language: 'en-US', weight: 26,
    first: ['Michael', 'Jennifer', 'David', 'Ashley', 'Chris', 'Megan', 'Brian', 'Lauren',
      'Kevin', 'Rachel', 'Jason', 'Nicole', 'Tyler', 'Danielle', 'Marcus', 'Keisha'],
    last: ['Johnson', 'Williams', 'Brown', 'Miller', 'Davis', 'Garcia', 'Rodriguez', 'Wilson',
      'Anderson', 'Thomas', 'Jackson', 'White', 'Harris', 'Martin', 'Thompson', 'Robinson'],
  },
  {
    timezone: 'America/Los_Angeles', country: 'US', language: 'en-US', weight: 16,
    first: ['Ethan', 'Olivia', 'Daniel', 'Chloe', 'Ryan', 'Emily', 'Carlos', 'Priya', 'Kenji',
      'Maya', 'Jordan', 'Alexis'],
    last: ['Nguyen', 'Kim', 'Lopez', 'Chen', 'Patel', 'Hernandez', 'Lee', 'Walker', 'Young',
      'Ramirez', 'Scott', 'Flores'],
  },
  {
    timezone: 'Europe/London', country: 'GB', language: 'en-GB', weight: 16,
    first: ['Oliver', 'Amelia', 'Harry', 'Isla', 'George', 'Poppy', 'Jack', 'Freya', 'Alfie',
      'Imogen', 'Callum', 'Niamh'],
    last: ['Smith', 'Jones', 'Taylor', 'Evans', 'Davies', 'Hughes', 'Roberts', 'Clarke',
      'Wright', 'Hall', 'Green', 'Patel'],
  },
  {
    timezone: 'Asia/Singapore', country: 'SG', language: 'en-US', weight: 12,
    first: ['Wei Ling', 'Jun Jie', 'Mei', 'Darren', 'Siti', 'Arjun', 'Hui Min', 'Benjamin',
      'Nurul', 'Kai'],
    last: ['Tan', 'Lim', 'Lee', 'Ng', 'Ong', 'Wong', 'Goh', 'Chua', 'Koh', 'Rahman'],
  },
  {
    timezone: 'Europe/Paris', country: 'FR', language: 'fr-FR', weight: 9,
    first: ['Camille', 'Louis', 'Manon', 'Hugo', 'Chloé', 'Théo', 'Inès', 'Mathis', 'Léa'],
    last: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Petit', 'Durand', 'Lefèvre'],
  },
  {
    timezone: 'Europe/Amsterdam', country: 'NL', language: 'nl-NL', weight: 6,
    first: ['Daan', 'Sanne', 'Bram', 'Femke', 'Jesse', 'Lotte', 'Ruben', 'Eva'],
    last: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit'],
  },
  {
    timezone: 'Europe/Zurich', country: 'CH', language: 'de-CH', weight: 5,
    first: ['Luca', 'Noemi', 'Reto', 'Seraina', 'Nico', 'Laura', 'Urs'],
    last: ['Meier', 'Keller', 'Brunner', 'Baumann', 'Gerber', 'Huber', 'Frei'],
  },
  {
    timezone: 'Asia/Kolkata', country: 'IN', language: 'en-US', weight: 5,
    first: ['Aarav', 'Ananya', 'Rohan', 'Diya', 'Vikram', 'Kavya', 'Ishaan'],
    last: ['Sharma', 'Iyer', 'Reddy', 'Gupta', 'Nair', 'Mehta', 'Kapoor'],
  },
  {
    timezone: 'America/Toronto', country: 'CA', language: 'en-US', weight: 5,
    first: ['Liam', 'Emma', 'Noah', 'Charlotte', 'Owen', 'Avery'],
    last: ['Tremblay', 'Roy', 'Gagnon', 'MacDonald', 'Campbell', 'Fraser'],
  },
  {
    timezone: 'Asia/Tokyo', country: 'JP', language: 'ja-JP', weight: 3,
    first: ['Haruto', 'Yui', 'Sota', 'Aoi', 'Ren'],
    last: ['Sato', 'Suzuki', 'Takahashi', 'Tanaka', 'Watanabe'],
  },
  {
    timezone: 'Australia/Sydney', country: 'AU', language: 'en-AU', weight: 3,
    first: ['Jack', 'Matilda', 'Cooper', 'Ruby', 'Lachlan'],
    last: ['Wilson', "O'Brien", 'Mitchell', 'Kelly', 'Morgan'],
  },
];

export const DEPARTMENTS: ReadonlyArray<readonly [string, number]> = [
  ['Engineering', 30],
  ['Sales', 18],
  ['Marketing', 9],
  ['Customer Success', 11],
  ['Finance', 7],
  ['Product', 8],
  ['Operations', 7],
  ['Legal', 3],
  ['People', 4],
];

/** Contacts outside the account: partners, outside counsel, a personal webmail address. */
export const EXTERNAL_CONTACTS: ReadonlyArray<{
  first: string;
  last: string;
  domain: string;
  timezone: string;
}> = [
  { first: 'Rosa', last: 'Alvarez', domain: 'fabrikam-example.com', timezone: 'Europe/Berlin' },
  { first: 'Tom', last: 'Becker', domain: 'fabrikam-example.com', timezone: 'Europe/Berlin' },
  { first: 'Greta', last: 'Lind', domain: 'fabrikam-example.com', timezone: 'Europe/London' },
  { first: 'Ian', last: 'Moss', domain: 'fabrikam-example.com', timezone: 'America/New_York' },
  { first: 'Paula', last: 'Reyes', domain: 'adatum-law-example.net', timezone: 'America/New_York' },
  { first: 'Victor', last: 'Hale', domain: 'adatum-law-example.net', timezone: 'Europe/London' },
  { first: 'Sam', last: 'Ortega', domain: 'mailbox-example.org', timezone: 'Europe/Berlin' },
  { first: 'Kim', last: 'Novak', domain: 'mailbox-example.org', timezone: 'America/New_York' },
  { first: 'Lee', last: 'Park', domain: 'mailbox-example.org', timezone: 'Asia/Singapore' },
];

/** Strips accents and spaces so a name becomes the local part of an e-mail address. */
export function emailLocalPart(first: string, last: string): string {
  const ascii = (text: string) =>
    text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z]/g, '');
  return `${ascii(first)}.${ascii(last)}`;
}
