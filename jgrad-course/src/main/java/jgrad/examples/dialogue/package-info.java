/**
 * A customer-service assistant for a small chain of household stores: joint intent classification
 * and slot filling ({@link jgrad.models.JointIntentSlotModel}), a dialogue state that carries slots
 * across turns ({@link jgrad.examples.dialogue.DialogueState}), answers filled from a knowledge table
 * ({@link jgrad.examples.dialogue.KnowledgeTable}), generated conversations whose test values never
 * occur in training ({@link jgrad.examples.dialogue.ServiceDialogues}), and the demo
 * ({@link jgrad.examples.dialogue.CustomerService}).
 */
package jgrad.examples.dialogue;
