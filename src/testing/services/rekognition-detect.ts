import { EmulatorError } from '../emulator-error';
import { isRecord } from '../protocols/wire-json';
import type { Handler } from '../types';
import {
  box,
  CUSTOM_LABELS_RULES,
  confidence,
  type EmulatedImage,
  PPE_RULES,
  readImage,
  unit,
} from './rekognition-image';

/** Labels the emulator picks from: clearly canned, with the parents real labels have. */
const LABELS = [
  { Name: 'Person', Parents: [], Categories: ['Person Description'], object: true },
  {
    Name: 'Car',
    Parents: ['Vehicle', 'Transportation'],
    Categories: ['Vehicles and Automotive'],
    object: true,
  },
  {
    Name: 'Dog',
    Parents: ['Animal', 'Pet', 'Mammal'],
    Categories: ['Animals and Pets'],
    object: true,
  },
  { Name: 'Tree', Parents: ['Plant'], Categories: ['Nature and Outdoors'], object: false },
  {
    Name: 'Building',
    Parents: ['Architecture'],
    Categories: ['Buildings and Architecture'],
    object: true,
  },
  { Name: 'Outdoors', Parents: [], Categories: ['Nature and Outdoors'], object: false },
] as const;

const num = (value: unknown, fallback: number) => (typeof value === 'number' ? value : fallback);

/** How many faces an image has: 1–3, from its fingerprint. */
export function faceCount(image: EmulatedImage): number {
  return 1 + (image.seed % 3);
}

/** One canned face; `all` adds the attributes DetectFaces returns with `ALL`. */
export function faceDetail(image: EmulatedImage, index: number, all: boolean) {
  const salt = 100 + index * 10;
  const bb = box(image.seed, salt);
  const detail: Record<string, unknown> = {
    BoundingBox: bb,
    Confidence: confidence(image.seed, salt + 4, 95),
    Landmarks: [
      { Type: 'eyeLeft', X: bb.Left + bb.Width * 0.3, Y: bb.Top + bb.Height * 0.4 },
      { Type: 'eyeRight', X: bb.Left + bb.Width * 0.7, Y: bb.Top + bb.Height * 0.4 },
      { Type: 'nose', X: bb.Left + bb.Width * 0.5, Y: bb.Top + bb.Height * 0.6 },
    ],
    Pose: { Roll: 0, Yaw: 0, Pitch: 0 },
    Quality: { Brightness: 80, Sharpness: 90 },
  };
  if (all) {
    const low = 20 + Math.floor(unit(image.seed, salt + 5) * 30);
    Object.assign(detail, {
      AgeRange: { Low: low, High: low + 8 },
      Smile: { Value: unit(image.seed, salt + 6) > 0.5, Confidence: 90 },
      Eyeglasses: { Value: false, Confidence: 95 },
      Sunglasses: { Value: false, Confidence: 97 },
      Gender: { Value: unit(image.seed, salt + 7) > 0.5 ? 'Female' : 'Male', Confidence: 96 },
      Beard: { Value: false, Confidence: 90 },
      Mustache: { Value: false, Confidence: 92 },
      EyesOpen: { Value: true, Confidence: 98 },
      MouthOpen: { Value: false, Confidence: 91 },
      Emotions: [
        { Type: 'CALM', Confidence: 40 },
        { Type: 'HAPPY', Confidence: 55 },
        { Type: 'SURPRISED', Confidence: 5 },
      ],
      FaceOccluded: { Value: false, Confidence: 99 },
      EyeDirection: { Yaw: 1, Pitch: -2, Confidence: 99 },
    });
  }
  return detail;
}

export function faceDetails(image: EmulatedImage, all: boolean) {
  return Array.from({ length: faceCount(image) }, (_, i) => faceDetail(image, i, all));
}

function wantsAll(attributes: unknown): boolean {
  return Array.isArray(attributes) && attributes.some((a) => a !== 'DEFAULT');
}

const detectLabels: Handler = (input) => {
  const image = readImage(input.Image);
  const min = num(input.MinConfidence, 55);
  const max = num(input.MaxLabels, 1000);
  const Labels = LABELS.map((label, i) => ({
    Name: label.Name,
    Confidence: Math.max(50, 99.5 - i * 8 - unit(image.seed, i) * 4),
    Instances: label.object
      ? [{ BoundingBox: box(image.seed, 10 + i * 5), Confidence: confidence(image.seed, 50 + i) }]
      : [],
    Parents: label.Parents.map((Name) => ({ Name })),
    Aliases: [],
    Categories: label.Categories.map((Name) => ({ Name })),
  }))
    .filter((l) => l.Confidence >= min)
    .slice(0, max);
  const features = Array.isArray(input.Features) ? input.Features : [];
  return {
    Labels,
    LabelModelVersion: '3.0',
    ...(features.includes('IMAGE_PROPERTIES')
      ? {
          ImageProperties: {
            Quality: { Brightness: 70, Sharpness: 85, Contrast: 60 },
            DominantColors: [
              {
                Red: 0,
                Green: 0,
                Blue: 0,
                HexCode: '#000000',
                SimplifiedColor: 'black',
                CSSColor: 'black',
                PixelPercent: 60,
              },
            ],
          },
        }
      : {}),
  };
};

const detectFaces: Handler = (input) => ({
  FaceDetails: faceDetails(readImage(input.Image), wantsAll(input.Attributes)),
});

const detectText: Handler = (input) => {
  const image = readImage(input.Image);
  const lines = ['EMULATED TEXT', `${image.width} X ${image.height}`];
  const detections: unknown[] = [];
  let id = 0;
  lines.forEach((line, li) => {
    const top = 0.1 + li * 0.3;
    const lineBox = { Left: 0.1, Top: top, Width: 0.6, Height: 0.1 };
    const lineId = id++;
    detections.push({
      DetectedText: line,
      Type: 'LINE',
      Id: lineId,
      Confidence: 99,
      Geometry: geometry(lineBox),
    });
    line.split(' ').forEach((word, wi, words) => {
      const width = 0.6 / words.length;
      const wordBox = { Left: 0.1 + wi * width, Top: top, Width: width, Height: 0.1 };
      detections.push({
        DetectedText: word,
        Type: 'WORD',
        Id: id++,
        ParentId: lineId,
        Confidence: 98,
        Geometry: geometry(wordBox),
      });
    });
  });
  return { TextDetections: detections, TextModelVersion: '3.0' };
};

function geometry(b: { Left: number; Top: number; Width: number; Height: number }) {
  return {
    BoundingBox: b,
    Polygon: [
      { X: b.Left, Y: b.Top },
      { X: b.Left + b.Width, Y: b.Top },
      { X: b.Left + b.Width, Y: b.Top + b.Height },
      { X: b.Left, Y: b.Top + b.Height },
    ],
  };
}

const detectModerationLabels: Handler = (input) => {
  const image = readImage(input.Image);
  const min = num(input.MinConfidence, 50);
  const level2 = confidence(image.seed, 1, 50);
  return {
    ModerationLabels: [
      { Name: 'Suggestive', ParentName: '', Confidence: level2 + 0.01, TaxonomyLevel: 1 },
      {
        Name: 'Swimwear or Underwear',
        ParentName: 'Suggestive',
        Confidence: level2,
        TaxonomyLevel: 2,
      },
    ].filter((l) => l.Confidence >= min),
    ModerationModelVersion: '7.0',
    ContentTypes: [],
  };
};

/** Same bytes → 99.9; otherwise a similarity derived from both fingerprints. */
function similarity(source: EmulatedImage, target: EmulatedImage, index: number): number {
  if (source.seed === target.seed && index === 0) return 99.9;
  return Math.round(unit(source.seed ^ target.seed, index) * 7000) / 100;
}

const compareFaces: Handler = (input) => {
  const source = readImage(input.SourceImage);
  const target = readImage(input.TargetImage);
  const threshold = num(input.SimilarityThreshold, 80);
  const sourceFace = faceDetail(source, 0, false);
  const FaceMatches: unknown[] = [];
  const UnmatchedFaces: unknown[] = [];
  for (let i = 0; i < faceCount(target); i++) {
    const face = faceDetail(target, i, false);
    const score = similarity(source, target, i);
    if (score >= threshold) FaceMatches.push({ Similarity: score, Face: face });
    else UnmatchedFaces.push(face);
  }
  return {
    SourceImageFace: { BoundingBox: sourceFace.BoundingBox, Confidence: sourceFace.Confidence },
    FaceMatches,
    UnmatchedFaces,
  };
};

const recognizeCelebrities: Handler = (input) => {
  const image = readImage(input.Image);
  const [first, ...rest] = faceDetails(image, false);
  return {
    CelebrityFaces: [
      {
        Urls: ['www.example.com/emulated-celebrity'],
        Name: 'Emulated Celebrity',
        Id: `emu${(image.seed % 100000).toString(36)}`,
        Face: first,
        MatchConfidence: 98.5,
        KnownGender: { Type: 'Female' },
      },
    ],
    UnrecognizedFaces: rest,
  };
};

const detectProtectiveEquipment: Handler = (input) => {
  const image = readImage(input.Image, PPE_RULES);
  const persons = Array.from({ length: faceCount(image) }, (_, Id) => {
    const covered = unit(image.seed, 300 + Id) > 0.5;
    const face = box(image.seed, 310 + Id);
    return {
      Id,
      BoundingBox: box(image.seed, 320 + Id),
      Confidence: confidence(image.seed, 330 + Id, 90),
      BodyParts: [
        {
          Name: 'FACE',
          Confidence: 99,
          EquipmentDetections: covered
            ? [
                {
                  BoundingBox: face,
                  Confidence: 97,
                  Type: 'FACE_COVER',
                  CoversBodyPart: { Value: true, Confidence: 96 },
                },
              ]
            : [],
        },
        { Name: 'HEAD', Confidence: 98, EquipmentDetections: [] },
      ],
    };
  });
  const summary = isRecord(input.SummarizationAttributes)
    ? input.SummarizationAttributes
    : undefined;
  const required = Array.isArray(summary?.RequiredEquipmentTypes)
    ? summary.RequiredEquipmentTypes
    : [];
  const wears = (p: (typeof persons)[number]) =>
    required.every((type) =>
      p.BodyParts.some((part) => part.EquipmentDetections.some((e) => e.Type === type)),
    );
  return {
    ProtectiveEquipmentModelVersion: '1.0',
    Persons: persons,
    ...(summary
      ? {
          Summary: {
            PersonsWithRequiredEquipment: persons.filter(wears).map((p) => p.Id),
            PersonsWithoutRequiredEquipment: persons.filter((p) => !wears(p)).map((p) => p.Id),
            PersonsIndeterminate: [],
          },
        }
      : {}),
  };
};

const detectCustomLabels: Handler = (input) => {
  if (typeof input.ProjectVersionArn !== 'string' || !input.ProjectVersionArn.startsWith('arn:')) {
    throw new EmulatorError('InvalidParameterException', 'ProjectVersionArn is not valid');
  }
  const image = readImage(input.Image, CUSTOM_LABELS_RULES);
  const min = num(input.MinConfidence, 0);
  const labels = [
    {
      Name: 'emulated-part',
      Confidence: confidence(image.seed, 400, 70),
      Geometry: geometry(box(image.seed, 401)),
    },
    {
      Name: 'emulated-defect',
      Confidence: confidence(image.seed, 402, 30),
      Geometry: geometry(box(image.seed, 403)),
    },
  ].filter((l) => l.Confidence >= min);
  return { CustomLabels: labels.slice(0, num(input.MaxResults, labels.length)) };
};

/** Single-image operations. */
export const DETECT_HANDLERS: Readonly<Record<string, Handler>> = {
  DetectLabels: detectLabels,
  DetectFaces: detectFaces,
  DetectText: detectText,
  DetectModerationLabels: detectModerationLabels,
  CompareFaces: compareFaces,
  RecognizeCelebrities: recognizeCelebrities,
  DetectProtectiveEquipment: detectProtectiveEquipment,
  DetectCustomLabels: detectCustomLabels,
};
