// Kyiv's ten districts as people type them (Ukrainian and Russian spellings, normalised): the
// stems an address's free `district` field and executors' names are matched against.
export interface DistrictStems {
  id: string;
  stems: string[];
}

export const kyivDistricts: DistrictStems[] = [
  { id: 'holosiivskyi', stems: ['голосіїв', 'голосеев', 'голосиив', 'голосієв'] },
  { id: 'darnytskyi', stems: ['дарниц'] },
  { id: 'desnianskyi', stems: ['деснян'] },
  { id: 'dniprovskyi', stems: ['дніпров', 'днепров'] },
  { id: 'obolonskyi', stems: ['оболон'] },
  { id: 'pecherskyi', stems: ['печер'] },
  { id: 'podilskyi', stems: ['поділ', 'подол'] },
  { id: 'sviatoshynskyi', stems: ['святошин'] },
  { id: 'solomianskyi', stems: ['солом'] },
  { id: 'shevchenkivskyi', stems: ['шевчен'] },
];
