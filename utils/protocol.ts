import type { PatientNoteField } from './model';

/**
 * The default alliance protocol: one visit in the order of ../shared/domain.md ("The practice the
 * product supports"). Wording is Rapport's own; `source` names the evidence behind each section.
 */
export interface ProtocolItem {
  id: string;
  text: string;
  /** Items that gather something save the therapist's short answer to this patient note. */
  captures?: PatientNoteField;
}

export interface ProtocolSection {
  id: string;
  title: string;
  source: string;
  items: ProtocolItem[];
}

export const defaultProtocol: readonly ProtocolSection[] = [
  {
    id: 'beginning',
    title: 'Beginning and the why',
    source: 'Four Habits model (Frankel & Stein 2001); Langewitz et al. 2002',
    items: [
      { id: 'greet-by-name', text: 'Greet them by their preferred name' },
      { id: 'show-prepared', text: 'Show you read their intake' },
      { id: 'uncover-why', text: 'Find their why: what really brought them in', captures: 'why' },
      { id: 'ask-expectations', text: 'Ask what they hope to get from today', captures: 'expectations' },
      { id: 'let-them-tell', text: 'Let them tell their story without interrupting' },
    ],
  },
  {
    id: 'perspective',
    title: 'Their perspective',
    source: 'Musculoskeletal Care 2022;20(3):577 (behaviours linked to alliance)',
    items: [
      { id: 'journey', text: 'Ask about their journey so far' },
      { id: 'impact', text: 'Ask how it affects daily life and what they value' },
      { id: 'permission', text: 'Ask permission before sensitive topics (stress, mood)' },
      { id: 'clarify', text: 'Ask a clarifying question' },
      { id: 'restate', text: 'Restate or summarize what they told you' },
    ],
  },
  {
    id: 'empathy',
    title: 'Empathy',
    source: 'Babatunde et al. 2017 (bond); CARE measure (relational empathy)',
    items: [
      { id: 'name-emotion', text: 'Name an emotion you notice' },
      { id: 'empathic-statement', text: 'Say an empathy statement' },
      { id: 'patient-is-expert', text: 'Acknowledge they know their own experience best' },
    ],
  },
  {
    id: 'shared-decision',
    title: 'Shared decision',
    source: 'Hinge Health 2024 (shared decision making); Musculoskeletal Care 2022 (pain education)',
    items: [
      { id: 'plain-findings', text: 'Explain findings in plain, reassuring words' },
      { id: 'pain-education', text: 'Explain how pain works (pain neuroscience education)' },
      { id: 'offer-options', text: 'Offer options with their benefits and costs', captures: 'optionsOffered' },
      { id: 'ask-preference', text: 'Ask which option they prefer', captures: 'optionChosen' },
    ],
  },
  {
    id: 'goals',
    title: 'Goals',
    source: 'Bordin via Babatunde et al. 2017 (agreement on goals and tasks)',
    items: [
      { id: 'north-star', text: 'Agree on a long-term North Star goal', captures: 'northStar' },
      { id: 'short-term-goals', text: 'Set short-term goals with a timeframe', captures: 'shortTermGoals' },
      { id: 'ready-to-finish', text: 'Ask how they will know they are ready to finish care' },
    ],
  },
  {
    id: 'closing',
    title: 'Closing',
    source: 'Four Habits model (invest in the end); personal bond over time',
    items: [
      { id: 'recap', text: 'Recap what you agreed: education, tools, goals' },
      { id: 'book-next', text: 'Book the next visit' },
      { id: 'ask-next-time', text: 'Note something personal to ask about next time', captures: 'askNextTime' },
    ],
  },
];

export interface PhraseGroup {
  id: string;
  title: string;
  phrases: string[];
}

/** Things to say, in Rapport's own words, grouped as the domain brief describes them. */
export const phraseBank: readonly PhraseGroup[] = [
  {
    id: 'empathy',
    title: 'Empathy statements',
    phrases: [
      'That sounds exhausting.',
      'No wonder you are frustrated after all this time.',
      'Carrying that every day takes a lot out of a person.',
      'I can hear how much getting back to this matters to you.',
      'You know your body better than anyone; help me understand it.',
    ],
  },
  {
    id: 'open-questions',
    title: 'Open questions',
    phrases: [
      'What made now the right time to get help?',
      'What would make today worth your time?',
      'Walk me through a typical day with this.',
      'What do you think is going on?',
      'What have you stopped doing that you want back?',
      'What is harder now that you would like to be easier?',
      'How will you know you are ready to stop seeing me?',
    ],
  },
  {
    id: 'reflections',
    title: 'Reflections',
    phrases: [
      'So the hardest part is…',
      'Let me check I have this right: …',
      'It sounds like you are worried that…',
      'What I am hearing is that … matters most.',
    ],
  },
];

/** Opening-statement marks, from the domain brief's talk-time numbers. */
export const openingMarks = {
  /** Clinicians interrupt after about 18 s on average (Beckman & Frankel 1984). */
  typicalInterruptionMs: 18_000,
  /** Uninterrupted patients talk 92 s on average, 78% finish within 2 minutes (Langewitz 2002)… */
  mostFinishedFromMs: 90_000,
  /** …and in one classic study no one talked beyond 150 s. */
  mostFinishedByMs: 150_000,
} as const;

export interface SelfCheckItem {
  id: string;
  /** Which part of the alliance it looks at (Bordin, via Babatunde et al. 2017). */
  part: 'goals' | 'tasks' | 'bond';
  /** Its wording, in the catalogue (locales/en.yml): it is Rapport's text, not stored data. */
  label: string;
}

/**
 * A quick look back after the visit, in Rapport's own words: not the WAI-SR or CARE questionnaires
 * (those are the patient's to answer, and copyrighted), just the therapist's honest read.
 */
export const selfCheckItems = [
  { id: 'agreed-goals', part: 'goals', label: 'selfCheck.agreedGoals' },
  { id: 'agreed-plan', part: 'tasks', label: 'selfCheck.agreedPlan' },
  { id: 'felt-heard', part: 'bond', label: 'selfCheck.feltHeard' },
  { id: 'listened-first', part: 'bond', label: 'selfCheck.listenedFirst' },
] as const satisfies readonly SelfCheckItem[];

export const selfCheckScale = { min: 1, max: 5 } as const;
